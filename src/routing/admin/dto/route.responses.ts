import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableRef } from '../../../common/http/openapi/nullable-ref';
import { ENVS, type Env } from '../../../common/scope/scope';
import type { Resolution } from '../../resolution';
import { type BackendConfig, type Route } from '../../route.types';
import { BACKEND_TYPES, type BackendType } from '../../../backends/backend-type';
import type { RouteRevision } from '../../store/registry-store';

const nullableString = { type: String, nullable: true } as const;

/** A stored route, as the admin API answers it. */
export class RouteDto implements Route {
  @ApiProperty({ example: 'feature_flags' }) resource_kind!: string;
  @ApiProperty({ example: 't_acme' }) tenant_id!: string;
  @ApiProperty({ enum: ENVS }) env!: Env;
  @ApiProperty({ ...nullableString, description: 'null for the whole tenant.' })
  project_id!: string | null;
  @ApiProperty({ enum: BACKEND_TYPES }) backend_type!: BackendType;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "Backend config; keys are checked against the backend's schema.",
  })
  config!: BackendConfig;
  @ApiProperty({ description: "When true, boot requires this route's backend to answer." })
  required!: boolean;
  @ApiProperty({ description: 'Also the ETag; send it back in If-Match.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty() updated_by!: string;
  @ApiProperty() rationale!: string;
}

/** One write of the registry: who, when, why, the route before and after. */
@ApiExtraModels(RouteDto)
export class RouteRevisionDto implements RouteRevision {
  @ApiProperty() registry_version!: number;
  @ApiProperty({ enum: ['put', 'delete'] }) action!: 'put' | 'delete';
  @ApiProperty() resource_kind!: string;
  @ApiProperty() tenant_id!: string;
  @ApiProperty({ enum: ENVS }) env!: Env;
  @ApiProperty(nullableString) project_id!: string | null;
  @ApiProperty(nullableRef(RouteDto, 'null when the write created it.'))
  before!: RouteDto | null;
  @ApiProperty(nullableRef(RouteDto, 'null when the write deleted it.'))
  after!: RouteDto | null;
  @ApiProperty() actor!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ description: 'Idempotency-Key of the request, when it sent one.' })
  idempotency_key?: string;
}

/** Answer of `DELETE /routing/routes/...`. */
export class DeletedRouteDto {
  @ApiProperty({ type: RouteDto, description: 'The route as it was before the delete.' })
  deleted!: RouteDto;
}

/** Answer of `POST /routing/rollback`: the write that restored the revision's state. */
export class RollbackResultDto {
  @ApiProperty({ enum: ['put', 'delete'] }) action!: 'put' | 'delete';
  @ApiProperty({ type: RouteDto, description: 'The route written, or the one deleted.' })
  route!: RouteDto;
}

/** Answer of `GET /routing/resolve`. */
@ApiExtraModels(RouteDto)
export class ResolutionDto implements Resolution {
  @ApiProperty(nullableRef(RouteDto, 'null when no scope matched.'))
  route!: RouteDto | null;
  @ApiProperty({ ...nullableString, example: 't_acme/prod/*' }) matched_scope!: string | null;
  @ApiProperty({ type: [String], description: 'Every scope looked at, most specific first.' })
  tried!: string[];
}
