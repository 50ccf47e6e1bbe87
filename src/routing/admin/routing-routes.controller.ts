import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  Param,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Unscoped } from '../../common/auth/access.decorators';
import { parseIfMatch } from '../../common/http/if-match';
import { pageOf } from '../../common/http/openapi/page-of';
import type { Page } from '../../common/http/pagination';
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
  @ApiOkResponse({ type: pageOf(RouteDto) })
  @Unscoped()
  list(@Query() q: RouteFilterQuery): Promise<Page<Route>> {
    assertCanRead(this.context.principal, q.tenant_id);
    return this.queries.list(q, q);
  }

  @Get(ROUTE_PATH)
  @ApiOkResponse({ type: RouteDto })
  @Unscoped()
  async get(
    @Param() params: RouteKeyParams,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Route> {
    assertCanRead(this.context.principal, params.tenant_id);
    const route = await this.queries.get(routeKeyOf(params));
    res.setHeader('ETag', `"${route.version}"`);
    return route;
  }

  @Put(ROUTE_PATH)
  @ApiOkResponse({ type: RouteDto })
  @Unscoped({ registryAdmin: true })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async put(
    @Param() params: RouteKeyParams,
    @Body() body: PutRouteDto,
    @Query() q: WriteQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Route> {
    const input = this.admin.parse({ ...routeKeyOf(params), ...body });
    const route = await this.admin.put(input, {
      actor: this.context.principal.subject,
      reason: q.reason,
      expectedVersion: parseIfMatch(ifMatch),
      probe: q.probe ?? true,
      idempotency: idempotentWrite(req),
    });
    res.setHeader('ETag', `"${route.version}"`);
    return route;
  }

  @Delete(ROUTE_PATH)
  @ApiOkResponse({ type: DeletedRouteDto })
  @Unscoped({ registryAdmin: true })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async remove(
    @Param() params: RouteKeyParams,
    @Query() q: WriteQuery,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request,
  ): Promise<{ deleted: Route }> {
    const deleted = await this.admin.delete(routeKeyOf(params), {
      actor: this.context.principal.subject,
      reason: q.reason,
      expectedVersion: parseIfMatch(ifMatch),
      probe: false,
      force: q.force ?? false,
      idempotency: idempotentWrite(req),
    });
    return { deleted };
  }
}
