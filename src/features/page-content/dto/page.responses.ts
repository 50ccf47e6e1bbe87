import { ApiProperty } from '@nestjs/swagger';
import type { Page, PageBody, PageRecord } from '../page-content.types';

/** A page without its body, as lists answer it. */
export class PageRecordDto implements PageRecord {
  @ApiProperty() id!: string;
  @ApiProperty() surface!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() published!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  published_at!: string | null;
  @ApiProperty() created_by!: string;
  @ApiProperty() updated_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
}

/** A page with its body: an HTML string, or a JSON object or array. */
export class PageDto extends PageRecordDto implements Page {
  @ApiProperty({
    oneOf: [
      { type: 'string' },
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
    ],
  })
  body!: PageBody;
}
