import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Unscoped } from '../../common/auth/access.decorators';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { parseIfMatch } from '../../common/http/if-match';
import {
  decodeCursor,
  MAX_LIMIT,
  toPage,
  DEFAULT_LIMIT,
  type Page,
} from '../../common/http/pagination';
import { RequestContext } from '../../common/request-context/request-context';
import { parseEnv, Scope, type Env } from '../../common/scope/scope';
import { resolveRoute, indexRoutes, type Resolution } from '../resolution';
import { routeKeyId, type Route, type RouteKey } from '../route.types';
import { RoutingRegistry, type RegistryStatus } from '../routing-registry';
import { RegistryStore, type RouteRevision } from '../store/registry-store';
import { PlanDto } from './dto/plan.dto';
import { PutRouteDto } from './dto/put-route.dto';
import { RouteKeyParams } from './dto/route-key.params';
import {
  CoverageQuery,
  ResolveQuery,
  RollbackDto,
  RouteFilterQuery,
  WriteQuery,
} from './dto/routing-queries.dto';
import type { CoverageEntry, RegistryChange } from './registry-planner';
import { assertCanRead } from './routing-access';
import { RoutingAdminService, type Plan } from './routing-admin.service';

const HISTORY_SCAN = 1000;

function keyOf(p: RouteKeyParams): RouteKey {
  return {
    resource_kind: p.resource_kind,
    tenant_id: p.tenant_id,
    env: parseEnv(p.env) as Env,
    project_id: p.project_id === '*' || p.project_id === '-' ? null : p.project_id,
  };
}

/** The registry admin API. Writes need `registry_admin`; tenant owners/admins read their tenant. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing')
export class RoutingAdminController {
  constructor(
    private readonly admin: RoutingAdminService,
    private readonly store: RegistryStore,
    private readonly registry: RoutingRegistry,
    private readonly context: RequestContext,
  ) {}

  @Get('routes')
  @Unscoped()
  async list(@Query() q: RouteFilterQuery): Promise<Page<Route>> {
    assertCanRead(this.context.principal, q.tenant_id);
    const after = decodeCursor<{ after: string }>(
      q.cursor,
      (v) => typeof v.after === 'string',
    )?.after;
    const env = q.env === undefined ? undefined : parseEnv(q.env);
    const routes = (await this.store.load()).routes
      .filter(
        (r) =>
          (q.resource_kind === undefined || r.resource_kind === q.resource_kind) &&
          (q.tenant_id === undefined || r.tenant_id === q.tenant_id),
      )
      .filter(
        (r) =>
          (env === undefined || r.env === env) &&
          (q.project_id === undefined || (r.project_id ?? '*') === q.project_id),
      )
      .sort((a, b) => routeKeyId(a).localeCompare(routeKeyId(b)))
      .filter((r) => after === undefined || routeKeyId(r) > after);
    const limit = q.limit ?? DEFAULT_LIMIT;
    return toPage(routes.slice(0, limit + 1), limit, (last) => ({ after: routeKeyId(last) }));
  }

  @Get('routes/:resource_kind/:tenant_id/:env/:project_id')
  @Unscoped()
  async get(
    @Param() params: RouteKeyParams,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Route> {
    assertCanRead(this.context.principal, params.tenant_id);
    const route = await this.admin.get(keyOf(params));
    res.setHeader('ETag', `"${route.version}"`);
    return route;
  }

  @Put('routes/:resource_kind/:tenant_id/:env/:project_id')
  @Unscoped({ registryAdmin: true })
  @ApiHeader({ name: 'If-Match', required: false })
  async put(
    @Param() params: RouteKeyParams,
    @Body() body: PutRouteDto,
    @Query() q: WriteQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Route> {
    const input = this.admin.parse({ ...keyOf(params), ...body });
    const route = await this.admin.put(input, {
      actor: this.context.principal.subject,
      reason: q.reason,
      expectedVersion: parseIfMatch(ifMatch),
      probe: q.probe ?? true,
    });
    res.setHeader('ETag', `"${route.version}"`);
    return route;
  }

  @Delete('routes/:resource_kind/:tenant_id/:env/:project_id')
  @Unscoped({ registryAdmin: true })
  async remove(
    @Param() params: RouteKeyParams,
    @Query() q: WriteQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<{ deleted: Route }> {
    const deleted = await this.admin.delete(keyOf(params), {
      actor: this.context.principal.subject,
      reason: q.reason,
      expectedVersion: parseIfMatch(ifMatch),
      probe: false,
      force: q.force ?? false,
    });
    return { deleted };
  }

  /** Revisions, newest first (who, when, why, before/after). */
  @Get('history')
  @Unscoped()
  async history(@Query() q: RouteFilterQuery): Promise<Page<RouteRevision>> {
    assertCanRead(this.context.principal, q.tenant_id);
    const before = decodeCursor<{ before: number }>(q.cursor, (v) =>
      Number.isInteger(v.before),
    )?.before;
    const limit = q.limit ?? DEFAULT_LIMIT;
    const env = q.env === undefined ? undefined : parseEnv(q.env);
    const full = q.resource_kind && q.tenant_id && env && q.project_id;
    const key = full
      ? {
          resource_kind: q.resource_kind as string,
          tenant_id: q.tenant_id as string,
          env: env,
          project_id: q.project_id === '*' ? null : (q.project_id as string),
        }
      : undefined;
    const page = await this.store.history({
      key,
      beforeVersion: before,
      limit: key ? limit + 1 : Math.min(HISTORY_SCAN, MAX_LIMIT * 5),
    });
    const items = page.items.filter(
      (r) =>
        (q.resource_kind === undefined || r.resource_kind === q.resource_kind) &&
        (q.tenant_id === undefined || r.tenant_id === q.tenant_id) &&
        (env === undefined || r.env === env),
    );
    return toPage(items.slice(0, limit + 1), limit, (last) => ({ before: last.registry_version }));
  }

  @Post('rollback')
  @HttpCode(200)
  @Unscoped({ registryAdmin: true })
  rollback(@Body() body: RollbackDto, @Query() q: WriteQuery) {
    return this.admin.rollback(body.registry_version, {
      actor: this.context.principal.subject,
      reason: body.reason,
      probe: q.probe ?? true,
    });
  }

  /** Which route applies to a kind at a scope, and every scope tried. */
  @Get('resolve')
  @Unscoped()
  async resolve(@Query() q: ResolveQuery): Promise<Resolution> {
    assertCanRead(this.context.principal, q.tenant_id);
    const routes = (await this.store.load()).routes;
    return resolveRoute(
      indexRoutes(routes),
      q.resource_kind,
      Scope.of(q.tenant_id, parseEnv(q.env) as Env, q.project_id ?? null),
    );
  }

  /** Dry run of a batch of puts/deletes: problems and the scopes that would change backend. */
  @Post('plan')
  @HttpCode(200)
  @Unscoped({ registryAdmin: true })
  plan(@Body() body: PlanDto): Promise<Plan> {
    return this.admin.plan(body.changes.map((c, i) => this.change(c, i)));
  }

  @Get('coverage')
  @Unscoped({ registryAdmin: true })
  async coverage(@Query() q: CoverageQuery): Promise<{ env: Env; items: CoverageEntry[] }> {
    const env = q.env === undefined ? this.registry.snapshot.env : (parseEnv(q.env) as Env);
    return { env, items: await this.admin.coverage(env) };
  }

  /** This instance: applied registry version, when, staleness. */
  @Get('status')
  @Unscoped()
  status(): RegistryStatus {
    return this.registry.status();
  }

  private change(raw: Record<string, unknown>, i: number): RegistryChange {
    if (raw.op === 'delete')
      return {
        op: 'delete',
        key: this.admin.parse({ ...(raw.key as object), backend_type: 'memory' }),
      };
    if (raw.op === 'put') return { op: 'put', route: this.admin.parse(raw.route) };
    throw new ValidationFailedError([
      { field: `changes[${i}].op`, problems: ['op must be "put" or "delete"'] },
    ]);
  }
}
