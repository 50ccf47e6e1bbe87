import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pageOf } from '../../common/http/openapi/page-of';
import { LockCheckDto, StrategyLockDto } from './dto/strategy-lock.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { IdParamDto } from '../../common/http/id-param';
import { parseIfMatch } from '../../common/http/if-match';
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
  async create(
    @Body() body: CreateStrategyLockDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StrategyLockView> {
    const lock = await this.service.create(body);
    res.setHeader('ETag', `"${lock.version}"`);
    return lock;
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
  async get(
    @Param() { id }: IdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StrategyLockView> {
    const lock = await this.service.get(id);
    res.setHeader('ETag', `"${lock.version}"`);
    return lock;
  }

  /** Changes a draft (creator or admin); honours If-Match. */
  @Patch(':id')
  @ApiOkResponse({ type: StrategyLockDto })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Current version, e.g. "3"' })
  async update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateStrategyLockDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StrategyLockView> {
    const lock = await this.service.update(id, body, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${lock.version}"`);
    return lock;
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
