import { ApiProperty } from '@nestjs/swagger';
import type { SeoConfig } from '../seo.types';

const text = { type: String, nullable: true } as const;

/** A stored SEO config as the API answers it (unset fields are null). */
export class SeoConfigDto implements SeoConfig {
  @ApiProperty() id!: string;
  @ApiProperty() surface!: string;
  @ApiProperty() page_type!: string;
  @ApiProperty(text) title!: string | null;
  @ApiProperty(text) description!: string | null;
  @ApiProperty(text) og_title!: string | null;
  @ApiProperty(text) og_description!: string | null;
  @ApiProperty({ ...text, format: 'uri' }) og_image_url!: string | null;
  @ApiProperty({ ...text, format: 'uri' }) canonical_url!: string | null;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
}
