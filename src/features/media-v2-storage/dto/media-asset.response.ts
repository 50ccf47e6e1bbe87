import { ApiProperty } from '@nestjs/swagger';
import { MEDIA_KINDS, type MediaAsset, type MediaKind } from '../media-v2-storage.types';

export class MediaAssetDto implements MediaAsset {
  @ApiProperty() id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() content_type!: string;
  @ApiProperty({ enum: MEDIA_KINDS }) kind!: MediaKind;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() size_bytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the bytes; also the ETag of the content.' })
  sha256!: string;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
