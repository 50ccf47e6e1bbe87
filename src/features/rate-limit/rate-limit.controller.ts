import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsumeResultDto, RateLimitPolicyDto } from './dto/rate-limit.responses';
import { IfMatch } from '../../common/http/if-match.decorator';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import {
  AdminWrite,
  AnswersAction,
  AnswersPage,
  AnswersRecord,
} from '../../common/http/responses.decorator';
import { ActionParamDto, ConsumeDto, PutRateLimitPolicyDto } from './dto/rate-limit.dto';
import { RateLimitService } from './rate-limit.service';
import type { ConsumeResult, RateLimitPolicy } from './rate-limit.types';

@ApiTags('rate-limit')
@Controller('rate-limit')
export class RateLimitController {
  constructor(private readonly service: RateLimitService) {}

  /** Policies of the caller's scope, ordered by action. */
  @Get('policies')
  @AnswersPage(RateLimitPolicyDto)
  list(@Query() query: ListQueryDto): Promise<Page<RateLimitPolicy>> {
    return this.service.listPolicies(query);
  }

  @Get('policies/:action')
  @AnswersRecord(RateLimitPolicyDto)
  get(@Param() params: ActionParamDto): Promise<RateLimitPolicy> {
    return this.service.getPolicy(params.action);
  }

  /** Creates or replaces an action's policy (admin); honours If-Match. */
  @Put('policies/:action')
  @AdminWrite(RateLimitPolicyDto)
  put(
    @Param() params: ActionParamDto,
    @Body() body: PutRateLimitPolicyDto,
    @IfMatch() version: number | undefined,
  ): Promise<RateLimitPolicy> {
    const policy = { limit: body.limit, window_seconds: body.window_seconds };
    return this.service.putPolicy(params.action, policy, version);
  }

  /** Takes units of an action's limit: 200 when allowed, `429 rate_limit.exceeded` with Retry-After when not. */
  @Post('consume')
  @AnswersAction(ConsumeResultDto)
  consume(@Body() body: ConsumeDto): Promise<ConsumeResult> {
    return this.service.consume(body);
  }
}
