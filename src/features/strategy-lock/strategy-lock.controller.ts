import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LockCheckDto, StrategyLockDto } from './dto/strategy-lock.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { IdParamDto } from '../../common/http/id-param';
import type { Page } from '../../common/http/pagination';
import { editableRecordRoutes } from '../../common/http/record-routes';
import { AnswersAction, AnswersPage, CreatesRecord } from '../../common/http/responses.decorator';
import {
  CheckStrategyLockQueryDto,
  ListStrategyLocksQueryDto,
} from './dto/strategy-lock-queries.dto';
import { CreateStrategyLockDto, UpdateStrategyLockDto } from './dto/strategy-lock.dto';
import type { LockCheck, StrategyLockView } from './strategy-lock.types';
import { StrategyLockService } from './strategy-lock.service';

/**
 * Strategy locks: drafts approved or rejected by an admin. `GET :id` and `PATCH :id` come
 * from the base; a patch changes a draft (creator or admin) and honours If-Match.
 */
@ApiTags('strategy-locks')
@Controller('strategy-locks')
export class StrategyLockController extends editableRecordRoutes<
  StrategyLockView,
  UpdateStrategyLockDto
>(StrategyLockDto, UpdateStrategyLockDto) {
  constructor(override readonly records: StrategyLockService) {
    super();
  }

  /** Creates a draft (member). */
  @Post()
  @CreatesRecord(StrategyLockDto)
  create(@Body() body: CreateStrategyLockDto): Promise<StrategyLockView> {
    return this.records.create(body);
  }

  @Get()
  @AnswersPage(StrategyLockDto)
  list(@Query() query: ListStrategyLocksQueryDto): Promise<Page<StrategyLockView>> {
    return this.records.list(query);
  }

  /** Whether an approved, valid lock allows `action` on `surface`; matched before `GET :id`. */
  @Get('check')
  @ApiOkResponse({ type: LockCheckDto })
  check(@Query() query: CheckStrategyLockQueryDto): Promise<LockCheck> {
    return this.records.check(query.action, query.surface);
  }

  /** Draft → approved (admin, not the creator). */
  @Post(':id/approve')
  @AnswersAction(StrategyLockDto)
  @RequireRole('admin')
  approve(@Param() { id }: IdParamDto): Promise<StrategyLockView> {
    return this.records.approve(id);
  }

  /** Draft → rejected (admin). */
  @Post(':id/reject')
  @AnswersAction(StrategyLockDto)
  @RequireRole('admin')
  reject(@Param() { id }: IdParamDto): Promise<StrategyLockView> {
    return this.records.reject(id);
  }
}
