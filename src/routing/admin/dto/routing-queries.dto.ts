import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { PROJECT_ID_FORMAT, TENANT_ID_FORMAT } from '../../../common/scope/scope';
import { ToBoolean } from '../../../common/validation/query.transforms';
import { RESOURCE_KIND_FORMAT } from '../../policy/route-input.parser';

const ENV_VALUES = ['dev', 'test', 'staging', 'stage', 'prod'];

/** Filters of `GET /routing/routes` and `GET /routing/history`. */
export class RouteFilterQuery extends ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(RESOURCE_KIND_FORMAT) resource_kind?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(TENANT_ID_FORMAT) tenant_id?: string;
  @ApiPropertyOptional({ enum: ENV_VALUES }) @IsOptional() @IsIn(ENV_VALUES) env?: string;
  @ApiPropertyOptional({ description: '`*` for tenant-wide routes' })
  @IsOptional()
  @Matches(new RegExp(`^(\\*|${PROJECT_ID_FORMAT.source.slice(1, -1)})$`))
  project_id?: string;
}

/** `GET /routing/resolve`. */
export class ResolveQuery {
  @ApiPropertyOptional() @Matches(RESOURCE_KIND_FORMAT) resource_kind!: string;
  @ApiPropertyOptional() @Matches(TENANT_ID_FORMAT) tenant_id!: string;
  @ApiPropertyOptional({ enum: ENV_VALUES }) @IsIn(ENV_VALUES) env!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(PROJECT_ID_FORMAT) project_id?: string;
}

/** `GET /routing/coverage`. */
export class CoverageQuery {
  @ApiPropertyOptional({ enum: ENV_VALUES, description: 'Default: the deployment env' })
  @IsOptional()
  @IsIn(ENV_VALUES)
  env?: string;
}

/** Options of writes. */
export class WriteQuery {
  @ApiPropertyOptional({ description: 'false skips the backend probe (dev/test deployments only)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  probe?: boolean;

  @ApiPropertyOptional({
    description: 'Delete even if it leaves a mounted kind unresolvable at a required scope',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({ description: 'Why (kept in history)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** Body of `POST /routing/rollback`. */
export class RollbackDto {
  @ApiPropertyOptional({ description: 'Registry version whose result to restore' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  registry_version!: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
