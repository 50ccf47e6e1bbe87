import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import {
  parseEnv,
  PROJECT_ID_FORMAT,
  TENANT_ID_FORMAT,
  type Env,
} from '../../../common/scope/scope';
import type { RouteKey } from '../../route.types';
import { RESOURCE_KIND_FORMAT } from '../../policy/route-input.parser';

/** `/routing/routes/:resource_kind/:tenant_id/:env/:project_id` (`*` = the whole tenant). */
export class RouteKeyParams {
  @ApiProperty({ example: 'feature_flags' })
  @Matches(RESOURCE_KIND_FORMAT, {
    message: `resource_kind must match ${RESOURCE_KIND_FORMAT.source}`,
  })
  resource_kind!: string;

  @ApiProperty({ example: 't_acme' })
  @Matches(TENANT_ID_FORMAT, { message: `tenant_id must match ${TENANT_ID_FORMAT.source}` })
  tenant_id!: string;

  @ApiProperty({ example: 'prod', enum: ['dev', 'test', 'staging', 'stage', 'prod'] })
  @Matches(/^(dev|test|staging|stage|prod)$/, {
    message: 'env must be one of dev, test, staging, prod',
  })
  env!: string;

  @ApiProperty({ example: 'p_web', description: '`*` (or `-`) for the whole tenant' })
  @Matches(new RegExp(`^(\\*|-|${PROJECT_ID_FORMAT.source.slice(1, -1)})$`), {
    message: 'project_id must be * (whole tenant) or match ^p_[a-z0-9_-]{1,64}$',
  })
  project_id!: string;
}

/** The route key a path names (`*` and `-` mean the whole tenant). */
export function routeKeyOf(p: RouteKeyParams): RouteKey {
  return {
    resource_kind: p.resource_kind,
    tenant_id: p.tenant_id,
    env: parseEnv(p.env) as Env,
    project_id: p.project_id === '*' || p.project_id === '-' ? null : p.project_id,
  };
}
