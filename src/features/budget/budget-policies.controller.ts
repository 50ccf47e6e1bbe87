import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../common/http/if-match.decorator';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { AdminWrite, AnswersPage } from '../../common/http/responses.decorator';
import { BudgetPolicyService } from './budget-policy.service';
import type { BudgetCheck, BudgetPolicy } from './budget.types';
import {
  BudgetCheckQueryDto,
  EffectivePolicyQueryDto,
  PutBudgetPolicyDto,
} from './dto/budget-policy.dto';
import { BudgetCheckDto, BudgetPolicyDto } from './dto/budget.responses';

@ApiTags('budget')
@Controller('budget')
export class BudgetPoliciesController {
  constructor(private readonly policies: BudgetPolicyService) {}

  /** Creates or replaces the policy of `(surface|*, app|*)` (admin); honours If-Match. */
  @Put('policies')
  @AdminWrite(BudgetPolicyDto)
  put(
    @Body() body: PutBudgetPolicyDto,
    @IfMatch() version: number | undefined,
  ): Promise<BudgetPolicy> {
    return this.policies.put(body, version);
  }

  /** Policies, newest first. */
  @Get('policies')
  @AnswersPage(BudgetPolicyDto)
  list(@Query() query: ListQueryDto): Promise<Page<BudgetPolicy>> {
    return this.policies.list(query);
  }

  /** The policy that applies: (surface, app) → (surface, *) → (*, app) → (*, *). */
  @Get('policies/effective')
  @ApiOkResponse({ type: BudgetPolicyDto })
  effective(@Query() query: EffectivePolicyQueryDto): Promise<BudgetPolicy> {
    return this.policies.effective(query.surface, query.app);
  }

  /** Whether spending `cost` more stays within the effective policy. */
  @Get('check')
  @ApiOkResponse({ type: BudgetCheckDto })
  check(@Query() query: BudgetCheckQueryDto): Promise<BudgetCheck> {
    return this.policies.check(query.surface, query.app, query.cost);
  }
}
