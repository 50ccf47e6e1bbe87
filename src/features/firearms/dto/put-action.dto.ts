import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LICENCE_LEVELS, type LicenceLevel } from '../firearms.types';

/** Body of `PUT /firearms/actions/:action`: the licence level the action needs. */
export class PutActionDto {
  @ApiProperty({ enum: LICENCE_LEVELS })
  @IsIn(LICENCE_LEVELS)
  required_level!: LicenceLevel;
}
