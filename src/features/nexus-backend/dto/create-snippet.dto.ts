import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsJsonWithin, MaxUtf8Bytes } from '../../../common/validation/size.validators';
import { IsTagList } from '../../../common/validation/tags.validator';
import { IsOmittable } from '../../../common/validation/validators';
import { NEXUS_LIMITS, NEXUS_NAME_FORMAT } from '../nexus-backend.types';

/** Body of `POST /nexus/snippets`. Tags are de-duplicated. */
export class CreateSnippetDto {
  @ApiProperty({ pattern: NEXUS_NAME_FORMAT.source, example: 'code' })
  @Matches(NEXUS_NAME_FORMAT, {
    message: 'kind must be a lower-case name of 1 to 64 characters (a-z, 0-9, "_", ".", ":", "-")',
  })
  kind!: string;

  @ApiProperty({ description: `At most ${NEXUS_LIMITS.textBytes} bytes as UTF-8.` })
  @IsString()
  @MinLength(1)
  @MaxUtf8Bytes(NEXUS_LIMITS.textBytes)
  text!: string;

  @ApiPropertyOptional({ type: [String], maxItems: NEXUS_LIMITS.tags })
  @IsOmittable()
  @IsTagList(NEXUS_LIMITS.tags)
  tags?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {} })
  @IsOmittable()
  @IsJsonWithin(NEXUS_LIMITS.metadataBytes, { object: true })
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [String],
    maxItems: NEXUS_LIMITS.refs,
    description: 'Ids, paths or URLs this snippet refers to.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(NEXUS_LIMITS.refs, { message: `refs holds at most ${NEXUS_LIMITS.refs} entries` })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(NEXUS_LIMITS.ref, {
    each: true,
    message: `each of refs must be at most ${NEXUS_LIMITS.ref} characters`,
  })
  refs?: string[];
}
