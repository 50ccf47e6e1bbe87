import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Unscoped } from '../../common/auth/access.decorators';
import { OptionalBody } from '../../common/http/consumes.decorator';
import { RequestContext } from '../../common/request-context/request-context';
import { RoutingAdminService } from '../admin/routing-admin.service';
import { keysetCursor, ListQueryDto, matching, type Page } from '../../common/http/pagination';
import { AnswersPage } from '../../common/http/responses.decorator';
import {
  MOVE_ID_FORMAT,
  ScopeMoveDto,
  MoveIdParams,
  ScopeMovePlanDto,
  StartMoveDto,
  StartMoveQuery,
} from './dto/move.dto';
import type { MoveRecord } from './move.types';
import { MovesService, type MovePlan } from './moves.service';

/** Cursors of the move list: the id of the last move of the page. */
const MOVE_CURSOR = keysetCursor(matching(MOVE_ID_FORMAT));

/**
 * Moves: a route switch that brings the scope's data along (docs/moves.md). Registry admins
 * only: a move freezes writes and copies a tenant's data.
 */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing/moves')
export class RoutingMovesController {
  constructor(
    private readonly moves: MovesService,
    private readonly admin: RoutingAdminService,
    private readonly context: RequestContext,
  ) {}

  /**
   * Starts a move (202; follow it with GET /routing/moves/:id), or with `?dry_run=true` only
   * checks it and counts what it would copy (200).
   */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: ScopeMoveDto,
    description: 'The move, started (or the plan with dry_run)',
  })
  @ApiOkResponse({ type: ScopeMovePlanDto })
  @Unscoped({ registryAdmin: true })
  start(
    @Body() body: StartMoveDto,
    @Query() q: StartMoveQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MoveRecord | MovePlan> {
    const { reason, ...route } = body;
    const input = this.admin.parse({ ...route, project_id: route.project_id ?? null });
    const request = {
      ...input,
      project_id: input.project_id ?? null,
      reason,
      actor: this.context.principal.subject,
    };
    if (q.dry_run !== true) return this.moves.start(request);
    res.status(200);
    return this.moves.plan(request);
  }

  /** Moves, newest first (`limit`, `cursor` as every list). */
  @Get()
  @AnswersPage(ScopeMoveDto)
  @Unscoped({ registryAdmin: true })
  async list(@Query() q: ListQueryDto): Promise<Page<MoveRecord>> {
    const { limit, position } = MOVE_CURSOR.start(q);
    const fetched = await this.moves.list({ before: position, limit: limit + 1 });
    return MOVE_CURSOR.page(fetched, limit, (m) => m.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScopeMoveDto })
  @Unscoped({ registryAdmin: true })
  get(@Param() params: MoveIdParams): Promise<MoveRecord> {
    return this.moves.get(params.id);
  }

  /** Stops a move that has not switched: it unfreezes with the route unchanged. */
  @Post(':id/abort')
  @HttpCode(200)
  @OptionalBody()
  @ApiOkResponse({ type: ScopeMoveDto })
  @Unscoped({ registryAdmin: true })
  abort(@Param() params: MoveIdParams): Promise<MoveRecord> {
    return this.moves.abort(params.id, this.context.principal.subject);
  }

  /** Deletes the source copy of a done move, once no route serves its scopes from there. */
  @Post(':id/delete-source')
  @HttpCode(200)
  @OptionalBody()
  @ApiOkResponse({ type: ScopeMoveDto })
  @Unscoped({ registryAdmin: true })
  deleteSource(@Param() params: MoveIdParams): Promise<MoveRecord> {
    return this.moves.deleteSource(params.id);
  }
}
