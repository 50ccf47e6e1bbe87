import { ApiProperty } from '@nestjs/swagger';
import type { MaybeItem } from '../maybes.types';

export class MaybeItemDto implements MaybeItem {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() pinned!: boolean;
  @ApiProperty() archived!: boolean;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
}
