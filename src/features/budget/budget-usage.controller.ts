import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import type { Page } from '../../common/http/pagination';
import { AnswersPage } from '../../common/http/responses.decorator';
import { BudgetUsageService } from './budget-usage.service';
import type { UsageEvent, UsageSummary } from './budget.types';
import { UsageListQueryDto, UsageSummaryQueryDto } from './dto/budget-queries.dto';
import { BudgetUsageEventDto, RecordedUsageDto, UsageSummaryDto } from './dto/budget.responses';
import { RecordUsageDto } from './dto/record-usage.dto';

@ApiTags('budget')
@Controller('budget/usage')
export class BudgetUsageController {
  constructor(private readonly usage: BudgetUsageService) {}

  /** Appends `{ events: [...] }` (1..500, member), all or none. */
  @Post()
  @ApiCreatedResponse({ type: RecordedUsageDto })
  record(@Body() body: RecordUsageDto): Promise<{ items: UsageEvent[] }> {
    return this.usage.record(body.events);
  }

  /** Usage events, newest first, optionally over the last `window_days` and filtered. */
  @Get()
  @AnswersPage(BudgetUsageEventDto)
  list(@Query() query: UsageListQueryDto): Promise<Page<UsageEvent>> {
    const { surface, provider, tool_id, app } = query;
    return this.usage.list({ surface, provider, tool_id, app }, query.window_days, query);
  }

  /** Counts and exact cost totals per group over the last `window_days` (default 30). */
  @Get('summary')
  @ApiOkResponse({ type: UsageSummaryDto })
  summary(@Query() query: UsageSummaryQueryDto): Promise<UsageSummary> {
    return this.usage.summary(query.window_days ?? 30, query.group_by ?? 'provider');
  }

  @Get(':id')
  @ApiOkResponse({ type: BudgetUsageEventDto })
  get(@Param() params: IdParamDto): Promise<UsageEvent> {
    return this.usage.get(params.id);
  }
}
