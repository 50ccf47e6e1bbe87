import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import type { Page } from '../../common/http/pagination';
import { AnswersPage } from '../../common/http/responses.decorator';
import type { AnalyticsEvent, EventSummary } from './analytics-events.types';
import { AnalyticsEventsService } from './analytics-events.service';
import { AnalyticsEventDto, EventSummaryDto } from './dto/analytics-event.responses';
import { EventListQueryDto, EventSummaryQueryDto } from './dto/event-queries.dto';
import { CtaClickEventDto, PageviewEventDto } from './dto/record-event.dto';

@ApiTags('analytics-events')
@Controller('analytics/events')
export class AnalyticsEventsController {
  constructor(private readonly service: AnalyticsEventsService) {}

  /** Records a pageview (member). */
  @Post('pageview')
  @ApiCreatedResponse({ type: AnalyticsEventDto })
  pageview(@Body() body: PageviewEventDto): Promise<AnalyticsEvent> {
    return this.service.record('pageview', body);
  }

  /** Records a click on a call to action (member). */
  @Post('cta-click')
  @ApiCreatedResponse({ type: AnalyticsEventDto })
  ctaClick(@Body() body: CtaClickEventDto): Promise<AnalyticsEvent> {
    return this.service.record('cta_click', body);
  }

  /** Events newest first; `since` inclusive, `until` exclusive. */
  @Get()
  @AnswersPage(AnalyticsEventDto)
  list(@Query() query: EventListQueryDto): Promise<Page<AnalyticsEvent>> {
    const { type, surface, since, until } = query;
    return this.service.list({ type, surface, since, until }, query);
  }

  /** Event counts per type, surface or utm_source in the range. */
  @Get('summary')
  @ApiOkResponse({ type: EventSummaryDto })
  summary(@Query() query: EventSummaryQueryDto): Promise<EventSummary> {
    return this.service.summary(query.group_by ?? 'type', {
      since: query.since,
      until: query.until,
    });
  }

  @Get(':id')
  @ApiOkResponse({ type: AnalyticsEventDto })
  get(@Param() params: IdParamDto): Promise<AnalyticsEvent> {
    return this.service.get(params.id);
  }
}
