import { Body, Controller, Delete, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Unscoped } from '../../common/auth/access.decorators';
import { IfMatch } from '../../common/http/if-match.decorator';
import type { Page } from '../../common/http/pagination';
import { AnswersPage, AnswersRecord } from '../../common/http/responses.decorator';
import { RequestContext } from '../../common/request-context/request-context';
import type { Route } from '../route.types';
import { PutRouteDto } from './dto/put-route.dto';
import { DeletedRouteDto, RouteDto } from './dto/route.responses';
import { routeKeyOf, RouteKeyParams } from './dto/route-key.params';
import { RouteFilterQuery, WriteQuery } from './dto/routing-queries.dto';
import { RegistryQueries } from './registry-queries';
import { IDEMPOTENCY_HEADER, idempotentWrite } from './idempotent-write';
import { assertCanRead } from './routing-access';
import { RoutingAdminService } from './routing-admin.service';

const ROUTE_PATH = 'routes/:resource_kind/:tenant_id/:env/:project_id';

/** Routes of the registry. Writes need `registry_admin`; tenant owners/admins read their tenant. */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing')
export class RoutingRoutesController {
  constructor(
    private readonly admin: RoutingAdminService,
    private readonly queries: RegistryQueries,
    private readonly context: RequestContext,
  ) {}

  @Get('routes')
  @AnswersPage(RouteDto)
  @Unscoped()
  list(@Query() q: RouteFilterQuery): Promise<Page<Route>> {
    assertCanRead(this.context.principal, q.tenant_id);
    return this.queries.list(q, q);
  }

  @Get(ROUTE_PATH)
  @AnswersRecord(RouteDto)
  @Unscoped()
  get(@Param() params: RouteKeyParams): Promise<Route> {
    assertCanRead(this.context.principal, params.tenant_id);
    return this.queries.get(routeKeyOf(params));
  }

  @Put(ROUTE_PATH)
  @AnswersRecord(RouteDto)
  @Unscoped({ registryAdmin: true })
  @ApiHeader(IDEMPOTENCY_HEADER)
  put(
    @Param() params: RouteKeyParams,
    @Body() body: PutRouteDto,
    @Query() q: WriteQuery,
    @IfMatch() version: number | undefined,
    @Req() req: Request,
  ): Promise<Route> {
    const input = this.admin.parse({ ...routeKeyOf(params), ...body });
    return this.admin.put(input, {
      actor: this.context.principal.subject,
      reason: q.reason,
      expectedVersion: version,
      probe: q.probe ?? true,
      idempotency: idempotentWrite(req),
    });
  }

  @Delete(ROUTE_PATH)
  @ApiOkResponse({ type: DeletedRouteDto })
  @Unscoped({ registryAdmin: true })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async remove(
    @Param() params: RouteKeyParams,
    @Query() q: WriteQuery,
    @IfMatch() version: number | undefined,
    @Req() req: Request,
  ): Promise<{ deleted: Route }> {
    const deleted = await this.admin.delete(routeKeyOf(params), {
      actor: this.context.principal.subject,
      reason: q.reason,
      expectedVersion: version,
      probe: false,
      force: q.force ?? false,
      idempotency: idempotentWrite(req),
    });
    return { deleted };
  }
}
