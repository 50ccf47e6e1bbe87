import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { nullableRef } from '../../../common/http/openapi/nullable-ref';
import { ENVS, type Env } from '../../../common/scope/scope';
import type { RouteProblem } from '../../policy/route-problem';
import type { RejectedRoute } from '../../registry-snapshot';
import type { RegistryStatus } from '../../routing-registry';
import type { CoverageEntry, Move, Placement } from '../registry-planner';
import type { Plan } from '../routing-admin.service';

const nullableString = { type: String, nullable: true } as const;

/**
 * `/routing/status`: `rejected` (scopes and config key names of refused changes, any tenant's)
 * only for registry admins; everyone sees `rejected_count`.
 */
export type RegistryStatusView = Omit<RegistryStatus, 'rejected'> & {
  rejected_count: number;
  rejected?: RejectedRoute[];
};

/** Why a route (or a kind at a scope) is refused. */
export class RouteProblemDto implements RouteProblem {
  @ApiProperty() resource_kind!: string;
  @ApiProperty({ example: 't_acme/prod/*' }) scope!: string;
  @ApiProperty() message!: string;
}

/** Where a kind resolves at a scope. */
export class PlacementDto implements Placement {
  @ApiProperty() backend_type!: string;
  @ApiProperty() matched_scope!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
}

/** A kind at a scope that would be served by another backend (or config). */
@ApiExtraModels(PlacementDto)
export class MoveDto implements Move {
  @ApiProperty() resource_kind!: string;
  @ApiProperty() scope!: string;
  @ApiProperty() tenant_id!: string;
  @ApiProperty(nullableRef(PlacementDto, 'null when the kind did not resolve before.'))
  before!: PlacementDto | null;
  @ApiProperty(nullableRef(PlacementDto, 'null when it will not resolve after.'))
  after!: PlacementDto | null;
}

/** Answer of `POST /routing/plan` (a dry run: nothing is written). */
export class PlanResultDto implements Plan {
  @ApiProperty({ type: [RouteProblemDto] }) problems!: RouteProblemDto[];
  @ApiProperty({ type: [MoveDto] }) moves!: MoveDto[];
  @ApiProperty({ type: [String], description: 'Tenants served by another backend after it.' })
  tenants!: string[];
  @ApiProperty({ type: [RouteProblemDto] }) coverage_problems!: RouteProblemDto[];
}

/** Coverage of one mounted kind at one scope. */
export class CoverageEntryDto implements CoverageEntry {
  @ApiProperty() resource_kind!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ enum: ['resolved', 'missing', 'invalid'] })
  status!: 'resolved' | 'missing' | 'invalid';
  @ApiProperty(nullableString) matched_scope!: string | null;
  @ApiProperty(nullableString) backend_type!: string | null;
  @ApiProperty({ type: [String] }) problems!: string[];
}

/** Answer of `GET /routing/coverage`. */
export class CoverageDto {
  @ApiProperty({ enum: ENVS }) env!: Env;
  @ApiProperty({ type: [CoverageEntryDto] }) items!: CoverageEntryDto[];
}

/** A live change the policy refused at a registry version (the previous route stays). */
export class RejectedRouteDto implements RejectedRoute {
  @ApiProperty() registry_version!: number;
  @ApiProperty({ type: [RouteProblemDto] }) problems!: RouteProblemDto[];
}

/** Answer of `GET /routing/status`: this instance's view of the registry. */
export class RegistryStatusDto implements RegistryStatusView {
  @ApiProperty() instance_id!: string;
  @ApiProperty({ enum: ENVS }) env!: string;
  @ApiProperty({ description: '-1 before the first load.' }) applied_version!: number;
  @ApiProperty({ ...nullableString, format: 'date-time' }) applied_at!: string | null;
  @ApiProperty() stale!: boolean;
  @ApiProperty({ ...nullableString, format: 'date-time', description: 'Last good contact.' })
  stale_since!: string | null;
  @ApiProperty({ description: 'Seconds since the last good contact; 0 when fresh.' })
  staleness_seconds!: number;
  @ApiProperty(nullableString) last_error!: string | null;
  @ApiProperty() rejected_count!: number;
  @ApiPropertyOptional({ type: [RejectedRouteDto], description: 'Registry admins only.' })
  rejected?: RejectedRouteDto[];
  @ApiProperty({ description: 'True when Firestore clients talk to an emulator.' })
  emulator!: boolean;
}
