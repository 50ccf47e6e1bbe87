import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import {
  LICENCE_LEVELS,
  SUBJECT_ID_FORMAT,
  SUBJECT_TYPES,
  type LicenceLevel,
  type SubjectType,
} from '../firearms.types';

export const SUBJECT_ID_MESSAGE = `subject_id must match ${SUBJECT_ID_FORMAT.source} (at most 128 characters)`;

/** Body of `POST /firearms/licences`. `expires_at` must be in the future (at most 10 years). */
export class IssueLicenceDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  subject_type!: SubjectType;

  @ApiProperty({ example: 'agent_builder', pattern: SUBJECT_ID_FORMAT.source })
  @Matches(SUBJECT_ID_FORMAT, { message: SUBJECT_ID_MESSAGE })
  subject_id!: string;

  @ApiProperty({ enum: LICENCE_LEVELS })
  @IsIn(LICENCE_LEVELS)
  level!: LicenceLevel;

  @ApiProperty({
    example: '2030-01-01T00:00:00Z',
    description: 'ISO-8601 date-time; stored as UTC.',
  })
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'expires_at must be an ISO-8601 date-time such as 2030-01-01T00:00:00Z' },
  )
  expires_at!: string;
}
