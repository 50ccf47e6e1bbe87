import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pageOf } from '../../common/http/openapi/page-of';
import { ConsumeResultDto, RateLimitPolicyDto } from './dto/rate-limit.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { parseIfMatch } from '../../common/http/if-match';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { ActionParamDto, ConsumeDto, PutRateLimitPolicyDto } from './dto/rate-limit.dto';
import { RateLimitService } from './rate-limit.service';
import type { ConsumeResult, RateLimitPolicy } from './rate-limit.types';

@ApiTags('rate-limit')
@Controller('rate-limit')
export class RateLimitController {
  constructor(private readonly service: RateLimitService) {}

  /** Policies of the caller's scope, ordered by action. */
  @Get('policies')
  @ApiOkResponse({ type: pageOf(RateLimitPolicyDto) })
  list(@Query() query: ListQueryDto): Promise<Page<RateLimitPolicy>> {
    return this.service.listPolicies(query);
  }

  @Get('policies/:action')
  @ApiOkResponse({ type: RateLimitPolicyDto })
  async get(
    @Param() params: ActionParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RateLimitPolicy> {
    const policy = await this.service.getPolicy(params.action);
    res.setHeader('ETag', `"${policy.version}"`);
    return policy;
  }

  /** Creates or replaces an action's policy (admin); honours If-Match. */
  @Put('policies/:action')
  @ApiOkResponse({ type: RateLimitPolicyDto })
  @RequireRole('admin')
  @ApiHeader({ name: 'If-Match', required: false, description: 'Current version, e.g. "3"' })
  async put(
    @Param() params: ActionParamDto,
    @Body() body: PutRateLimitPolicyDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RateLimitPolicy> {
    const policy = await this.service.putPolicy(
      params.action,
      { limit: body.limit, window_seconds: body.window_seconds },
      parseIfMatch(ifMatch),
    );
    res.setHeader('ETag', `"${policy.version}"`);
    return policy;
  }

  /** Takes units of an action's limit: 200 when allowed, `429 rate_limit.exceeded` with Retry-After when not. */
  @Post('consume')
  @ApiOkResponse({ type: ConsumeResultDto })
  @HttpCode(200)
  consume(@Body() body: ConsumeDto): Promise<ConsumeResult> {
    return this.service.consume(body);
  }
}
