import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import {
  ACTION_FORMAT,
  SUBJECT_ID_FORMAT,
  SUBJECT_TYPES,
  type SubjectType,
} from '../firearms.types';
import { SUBJECT_ID_MESSAGE } from './issue-licence.dto';

/** Query of `GET /firearms/licences`: paging plus optional subject filters. */
export class LicenceListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: SUBJECT_TYPES })
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subject_type?: SubjectType;

  @ApiPropertyOptional({ pattern: SUBJECT_ID_FORMAT.source })
  @IsOptional()
  @Matches(SUBJECT_ID_FORMAT, { message: SUBJECT_ID_MESSAGE })
  subject_id?: string;
}

/** Query of `GET /firearms/check`: every field is required. */
export class CheckQueryDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  subject_type!: SubjectType;

  @ApiProperty({ pattern: SUBJECT_ID_FORMAT.source })
  @Matches(SUBJECT_ID_FORMAT, { message: SUBJECT_ID_MESSAGE })
  subject_id!: string;

  @ApiProperty({ example: 'deploy:prod', pattern: ACTION_FORMAT.source })
  @Matches(ACTION_FORMAT, { message: `action must match ${ACTION_FORMAT.source}` })
  action!: string;
}
