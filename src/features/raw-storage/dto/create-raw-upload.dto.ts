import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Min } from 'class-validator';

/** `type/subtype` without parameters, as RFC 6838 restricts the names. */
export const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** Body of `POST /raw/uploads`. The upload must then PUT exactly `size_bytes` bytes. */
export class CreateRawUploadDto {
  @ApiProperty({
    description: 'Original name; stored sanitised (no paths, no control characters).',
    maxLength: 255,
  })
  @IsString()
  @Length(1, 255)
  filename!: string;

  @ApiProperty({ example: 'application/zip' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsString()
  @Matches(MEDIA_TYPE, {
    message: 'content_type must be a media type such as application/zip (no parameters)',
  })
  content_type!: string;

  @ApiProperty({
    minimum: 0,
    description: 'Exact size of the upload; at most the configured limit (default 1 GiB).',
  })
  @IsInt()
  @Min(0)
  size_bytes!: number;
}
