import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Unscoped } from '../../common/auth/access.decorators';
import type { Page } from '../../common/http/pagination';
import { AnswersAction, AnswersPage } from '../../common/http/responses.decorator';
import { RequestContext } from '../../common/request-context/request-context';
import { parseEnv, Scope, type Env } from '../../common/scope/scope';
import type { Resolution } from '../resolution';
import type { Route } from '../route.types';
import { RoutingRegistry } from '../routing-registry';
import type { RouteRevision } from '../store/registry-store';
import { PlanDto } from './dto/plan.dto';
import {
  CoverageDto,
  PlanResultDto,
  RegistryStatusDto,
  type RegistryStatusView,
} from './dto/registry.responses';
import { ResolutionDto, RollbackResultDto, RouteRevisionDto } from './dto/route.responses';
import {
  CoverageQuery,
  ResolveQuery,
  RollbackDto,
  RouteFilterQuery,
  WriteQuery,
} from './dto/routing-queries.dto';
import type { CoverageEntry } from './registry-planner';
import { RegistryQueries } from './registry-queries';
import { IDEMPOTENCY_HEADER, idempotentWrite } from './idempotent-write';
import { assertCanRead } from './routing-access';
import { RoutingAdminService, type Plan } from './routing-admin.service';

/** The registry as a whole: history, rollback, resolve, plan, coverage, this instance's status. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing')
export class RoutingRegistryController {
  constructor(
    private readonly admin: RoutingAdminService,
    private readonly queries: RegistryQueries,
    private readonly registry: RoutingRegistry,
    private readonly context: RequestContext,
  ) {}

  /** Revisions, newest first (who, when, why, before/after). */
  @Get('history')
  @AnswersPage(RouteRevisionDto)
  @Unscoped()
  history(@Query() q: RouteFilterQuery): Promise<Page<RouteRevision>> {
    assertCanRead(this.context.principal, q.tenant_id);
    return this.queries.history(q, q);
  }

  /** A new revision equal to the route as `registry_version` left it. */
  @Post('rollback')
  @AnswersAction(RollbackResultDto)
  @Unscoped({ registryAdmin: true })
  @ApiHeader(IDEMPOTENCY_HEADER)
  rollback(
    @Body() body: RollbackDto,
    @Query() q: WriteQuery,
    @Req() req: Request,
  ): Promise<{ action: 'put' | 'delete'; route: Route }> {
    return this.admin.rollback(body.registry_version, {
      actor: this.context.principal.subject,
      reason: body.reason,
      probe: q.probe ?? true,
      idempotency: idempotentWrite(req),
    });
  }

  /** Which route applies to a kind at a scope, and every scope tried. */
  @Get('resolve')
  @ApiOkResponse({ type: ResolutionDto })
  @Unscoped()
  resolve(@Query() q: ResolveQuery): Promise<Resolution> {
    assertCanRead(this.context.principal, q.tenant_id);
    return this.queries.resolve(
      q.resource_kind,
      Scope.of(q.tenant_id, parseEnv(q.env) as Env, q.project_id ?? null),
    );
  }

  /** Dry run of a batch of puts/deletes: problems and the scopes that would change backend. */
  @Post('plan')
  @AnswersAction(PlanResultDto)
  @Unscoped({ registryAdmin: true })
  plan(@Body() body: PlanDto): Promise<Plan> {
    return this.admin.plan(body.changes.map((c, i) => this.admin.parseChange(c, i)));
  }

  @Get('coverage')
  @ApiOkResponse({ type: CoverageDto })
  @Unscoped({ registryAdmin: true })
  async coverage(@Query() q: CoverageQuery): Promise<{ env: Env; items: CoverageEntry[] }> {
    const env = q.env === undefined ? this.registry.snapshot.env : (parseEnv(q.env) as Env);
    return { env, items: await this.admin.coverage(env) };
  }

  /** This instance: applied registry version, when, staleness; rejected changes for admins. */
  @Get('status')
  @ApiOkResponse({ type: RegistryStatusDto })
  @Unscoped()
  status(): RegistryStatusView {
    const { rejected, ...status } = this.registry.status();
    const view = { ...status, rejected_count: rejected.length };
    return this.context.principal.registryAdmin ? { ...view, rejected } : view;
  }
}
