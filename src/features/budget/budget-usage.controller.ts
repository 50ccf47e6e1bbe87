import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../../common/http/pagination';
import { BudgetUsageService } from './budget-usage.service';
import type { UsageEvent, UsageSummary } from './budget.types';
import {
  UsageIdParamsDto,
  UsageListQueryDto,
  UsageSummaryQueryDto,
} from './dto/budget-queries.dto';
import { RecordUsageDto } from './dto/record-usage.dto';

@ApiTags('budget')
@Controller('budget/usage')
export class BudgetUsageController {
  constructor(private readonly usage: BudgetUsageService) {}

  /** Appends `{ events: [...] }` (1..500, member), all or none. */
  @Post()
  record(@Body() body: RecordUsageDto): Promise<{ items: UsageEvent[] }> {
    return this.usage.record(body.events);
  }

  /** Usage events, newest first, optionally over the last `window_days` and filtered. */
  @Get()
  list(@Query() query: UsageListQueryDto): Promise<Page<UsageEvent>> {
    const { surface, provider, tool_id, app } = query;
    return this.usage.list({ surface, provider, tool_id, app }, query.window_days, query);
  }

  /** Counts and exact cost totals per group over the last `window_days` (default 30). */
  @Get('summary')
  summary(@Query() query: UsageSummaryQueryDto): Promise<UsageSummary> {
    return this.usage.summary(query.window_days ?? 30, query.group_by ?? 'provider');
  }

  @Get(':id')
  get(@Param() params: UsageIdParamsDto): Promise<UsageEvent> {
    return this.usage.get(params.id);
  }
}
