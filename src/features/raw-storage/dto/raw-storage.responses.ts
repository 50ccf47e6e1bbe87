import { ApiProperty } from '@nestjs/swagger';
import type { RawAsset, RawAssetStatus } from '../raw-storage.types';
import type { RawDownload, RawUpload } from '../raw-storage.service';

const nullableString = { type: String, nullable: true } as const;
const SIGNED_HEADERS = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: 'Headers to send exactly as given (they are part of the signature).',
} as const;

/** One raw asset: uploaded and downloaded directly through presigned URLs. */
export class RawAssetDto implements RawAsset {
  @ApiProperty() asset_id!: string;
  @ApiProperty({ description: 'Object key: tenants/{tenant}/{env}/{project}/raw/{asset_id}/…' })
  key!: string;
  @ApiProperty({ description: 'Sanitised.' }) filename!: string;
  @ApiProperty() content_type!: string;
  @ApiProperty() size_bytes!: number;
  @ApiProperty({ enum: ['pending', 'complete'] }) status!: RawAssetStatus;
  @ApiProperty({ ...nullableString, description: 'Without quotes; set once complete.' })
  etag!: string | null;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ ...nullableString, format: 'date-time' }) completed_at!: string | null;
}

/** Answer of `POST /raw/uploads`: the pending asset's id and a presigned PUT for its bytes. */
export class RawUploadDto implements RawUpload {
  @ApiProperty() asset_id!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty({ enum: ['PUT'] }) method!: 'PUT';
  @ApiProperty(SIGNED_HEADERS) headers!: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
}

/** Answer of `GET /raw/assets/:asset_id/download`: a short-lived presigned GET. */
export class RawDownloadDto implements RawDownload {
  @ApiProperty({ format: 'uri' }) url!: string;
  @ApiProperty({ enum: ['GET'] }) method!: 'GET';
  @ApiProperty(SIGNED_HEADERS) headers!: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
}
