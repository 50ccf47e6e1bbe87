import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionPolicyDto, CheckResultDto, LicenceDto } from './dto/firearms.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { OptionalBody } from '../../common/http/consumes.decorator';
import { IdParamDto } from '../../common/http/id-param';
import { IfMatch } from '../../common/http/if-match.decorator';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { AdminWrite, AnswersAction, AnswersPage } from '../../common/http/responses.decorator';
import { ActionParamDto } from './dto/firearms-params.dto';
import { CheckQueryDto, LicenceListQueryDto } from './dto/firearms-query.dto';
import { IssueLicenceDto } from './dto/issue-licence.dto';
import { PutActionDto } from './dto/put-action.dto';
import { RevokeLicenceDto } from './dto/revoke-licence.dto';
import type { ActionPolicy, CheckResult, LicenceView } from './firearms.types';
import { FirearmsService } from './firearms.service';

/** Licences for dangerous actions. Static paths are declared before parameterised ones. */
@ApiTags('firearms')
@Controller('firearms')
export class FirearmsController {
  constructor(private readonly service: FirearmsService) {}

  /** Whether the subject may perform the action now (and which licence allows it). */
  @Get('check')
  @ApiOkResponse({ type: CheckResultDto })
  check(@Query() query: CheckQueryDto): Promise<CheckResult> {
    return this.service.check(
      { subject_type: query.subject_type, subject_id: query.subject_id },
      query.action,
    );
  }

  @Get('actions')
  @AnswersPage(ActionPolicyDto)
  listActions(@Query() query: ListQueryDto): Promise<Page<ActionPolicy>> {
    return this.service.listActions(query);
  }

  @Get('actions/:action')
  @ApiOkResponse({ type: ActionPolicyDto })
  getAction(@Param() params: ActionParamDto): Promise<ActionPolicy> {
    return this.service.getAction(params.action);
  }

  /** Sets the level an action needs. Admin; honours If-Match. */
  @Put('actions/:action')
  @AdminWrite(ActionPolicyDto)
  putAction(
    @Param() params: ActionParamDto,
    @Body() body: PutActionDto,
    @IfMatch() version: number | undefined,
  ): Promise<ActionPolicy> {
    return this.service.putAction(params.action, body.required_level, version);
  }

  /** Issues a licence. Admin. */
  @Post('licences')
  @ApiCreatedResponse({ type: LicenceDto })
  @RequireRole('admin')
  issue(@Body() body: IssueLicenceDto): Promise<LicenceView> {
    return this.service.issue(body);
  }

  @Get('licences')
  @AnswersPage(LicenceDto)
  list(@Query() query: LicenceListQueryDto): Promise<Page<LicenceView>> {
    return this.service.list(
      { subject_type: query.subject_type, subject_id: query.subject_id },
      query,
    );
  }

  @Get('licences/:id')
  @ApiOkResponse({ type: LicenceDto })
  get(@Param() params: IdParamDto): Promise<LicenceView> {
    return this.service.get(params.id);
  }

  /** Revokes a licence. Admin; honours If-Match. */
  @Post('licences/:id/revoke')
  @OptionalBody()
  @AnswersAction(LicenceDto)
  @RequireRole('admin')
  revoke(
    @Param() params: IdParamDto,
    @Body() body: RevokeLicenceDto,
    @IfMatch() version: number | undefined,
  ): Promise<LicenceView> {
    return this.service.revoke(params.id, body.reason, version);
  }
}
