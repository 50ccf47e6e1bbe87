import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { pageOf } from '../../common/http/openapi/page-of';
import { LockCheckDto, StrategyLockDto } from './dto/strategy-lock.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { IdParamDto } from '../../common/http/id-param';
import { SetsETag } from '../../common/http/etag.interceptor';
import { IfMatch } from '../../common/http/if-match.decorator';
import type { Page } from '../../common/http/pagination';
import {
  CheckStrategyLockQueryDto,
  ListStrategyLocksQueryDto,
} from './dto/strategy-lock-queries.dto';
import { CreateStrategyLockDto, UpdateStrategyLockDto } from './dto/strategy-lock.dto';
import type { LockCheck, StrategyLockView } from './strategy-lock.types';
import { StrategyLockService } from './strategy-lock.service';

@ApiTags('strategy-locks')
@Controller('strategy-locks')
export class StrategyLockController {
  constructor(private readonly service: StrategyLockService) {}

  /** Creates a draft (member). */
  @Post()
  @ApiCreatedResponse({ type: StrategyLockDto })
  @SetsETag()
  create(@Body() body: CreateStrategyLockDto): Promise<StrategyLockView> {
    return this.service.create(body);
  }

  @Get()
  @ApiOkResponse({ type: pageOf(StrategyLockDto) })
  list(@Query() query: ListStrategyLocksQueryDto): Promise<Page<StrategyLockView>> {
    return this.service.list(query);
  }

  /** Whether an approved, currently valid lock allows `action` on `surface`. Declared before `:id`. */
  @Get('check')
  @ApiOkResponse({ type: LockCheckDto })
  check(@Query() query: CheckStrategyLockQueryDto): Promise<LockCheck> {
    return this.service.check(query.action, query.surface);
  }

  @Get(':id')
  @ApiOkResponse({ type: StrategyLockDto })
  @SetsETag()
  get(@Param() { id }: IdParamDto): Promise<StrategyLockView> {
    return this.service.get(id);
  }

  /** Changes a draft (creator or admin); honours If-Match. */
  @Patch(':id')
  @ApiOkResponse({ type: StrategyLockDto })
  @SetsETag()
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateStrategyLockDto,
    @IfMatch() version: number | undefined,
  ): Promise<StrategyLockView> {
    return this.service.update(id, body, version);
  }

  /** Draft → approved (admin, not the creator). */
  @Post(':id/approve')
  @ApiOkResponse({ type: StrategyLockDto })
  @HttpCode(200)
  @RequireRole('admin')
  approve(@Param() { id }: IdParamDto): Promise<StrategyLockView> {
    return this.service.approve(id);
  }

  /** Draft → rejected (admin). */
  @Post(':id/reject')
  @ApiOkResponse({ type: StrategyLockDto })
  @HttpCode(200)
  @RequireRole('admin')
  reject(@Param() { id }: IdParamDto): Promise<StrategyLockView> {
    return this.service.reject(id);
  }
}
