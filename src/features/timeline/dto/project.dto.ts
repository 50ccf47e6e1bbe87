import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { IsOmittable } from '../../../common/validation/validators';

/** Body of `POST /timeline/projects`. */
export class CreateProjectDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** Body of `PATCH /timeline/projects/:id`: any subset of the create fields. */
export class UpdateProjectDto extends PartialType(CreateProjectDto, {
  skipNullProperties: false,
}) {}
