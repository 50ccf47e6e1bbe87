import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MOVE_STATES } from '../move.types';

/** Body of `POST /routing/moves`: which route key moves, to which backend, and why. */
export class StartMoveDto {
  @ApiProperty({ example: 'feature_flags' })
  @IsString()
  @MaxLength(64)
  resource_kind!: string;

  @ApiProperty({ example: 't_acme' })
  @IsString()
  @MaxLength(80)
  tenant_id!: string;

  @ApiProperty({ example: 'prod', enum: ['dev', 'test', 'staging', 'stage', 'prod'] })
  @IsString()
  @MaxLength(16)
  env!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'A project, or null to move the tenant-wide route (every project without its own route, and the tenant-level records)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^p_[a-z0-9_-]{1,64}$/, { message: 'project_id must be p_… or null' })
  project_id!: string | null;

  @ApiProperty({ enum: ['firestore', 'redis', 's3', 'memory'] })
  @IsString()
  @MaxLength(32)
  backend_type!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiProperty({ description: 'Why: kept with the move and in the history of the switch' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

/** Query of `POST /routing/moves`. */
export class StartMoveQuery {
  @ApiPropertyOptional({ description: 'Only check and count: nothing is frozen or copied' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  dry_run?: boolean;
}

/** A move id: `mv_` and a sortable id (creation order). */
export const MOVE_ID_FORMAT = /^mv_[0-9a-hjkmnp-tv-z]{26}$/;

/** `:id` of a move. */
export class MoveIdParams {
  @ApiProperty({ example: 'mv_01jd0000000000000000000000' })
  @Matches(MOVE_ID_FORMAT, { message: 'id must be a move id (mv_ and 26 characters)' })
  id!: string;
}

class ScopeMoveBackendDto {
  @ApiProperty() backend_type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
}

class ScopeMoveSourceDto extends ScopeMoveBackendDto {
  @ApiProperty({ description: 'Scope of the route that served the moved scopes' })
  route_scope!: string;
}

class ScopeMoveScopeDto {
  @ApiProperty() scope!: string;
  @ApiProperty() records!: number;
  @ApiProperty() bytes!: number;
  @ApiProperty() copied!: number;
  @ApiProperty() verified!: number;
}

/** A move as stored and shown. */
export class ScopeMoveDto {
  @ApiProperty() id!: string;
  @ApiProperty() resource_kind!: string;
  @ApiProperty() tenant_id!: string;
  @ApiProperty() env!: string;
  @ApiProperty({ type: String, nullable: true }) project_id!: string | null;
  @ApiProperty({ type: ScopeMoveBackendDto }) target!: ScopeMoveBackendDto;
  @ApiProperty({ type: ScopeMoveSourceDto }) source!: ScopeMoveSourceDto;
  @ApiProperty() reason!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ enum: MOVE_STATES }) state!: string;
  @ApiProperty({ type: [ScopeMoveScopeDto] }) scopes!: ScopeMoveScopeDto[];
  @ApiProperty() records_copied!: number;
  @ApiProperty() bytes_copied!: number;
  @ApiProperty() created_at!: string;
  @ApiProperty({ type: String, nullable: true }) started_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) frozen_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) switched_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) finished_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty() abort_requested!: boolean;
  @ApiProperty() frozen!: boolean;
  @ApiProperty({ type: String, nullable: true }) lease_owner!: string | null;
  @ApiProperty({ type: String, nullable: true }) lease_expires_at!: string | null;
  @ApiProperty({ type: Number, nullable: true }) registry_version!: number | null;
  @ApiProperty({ type: String, nullable: true }) source_deleted_at!: string | null;
  @ApiProperty() revision!: number;
}

class ScopeMovePlannedScopeDto {
  @ApiProperty() scope!: string;
  @ApiProperty() records!: number;
  @ApiProperty() bytes!: number;
}

/** A dry run of a move. */
export class ScopeMovePlanDto {
  @ApiProperty() resource_kind!: string;
  @ApiProperty() tenant_id!: string;
  @ApiProperty() env!: string;
  @ApiProperty({ type: String, nullable: true }) project_id!: string | null;
  @ApiProperty({ type: ScopeMoveSourceDto }) source!: ScopeMoveSourceDto;
  @ApiProperty({ type: ScopeMoveBackendDto }) target!: ScopeMoveBackendDto;
  @ApiProperty({ type: [ScopeMovePlannedScopeDto] }) scopes!: ScopeMovePlannedScopeDto[];
  @ApiProperty() records!: number;
  @ApiProperty() bytes!: number;
}
