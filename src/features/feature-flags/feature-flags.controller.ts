import { Body, Controller, Get, Patch, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Consumes } from '../../common/http/consumes.decorator';
import { IfMatch } from '../../common/http/if-match.decorator';
import { AdminWrite } from '../../common/http/responses.decorator';
import { EffectiveFlagsDto, FlagDocumentDto } from './dto/feature-flags.responses';
import {
  FlagLevelQueryDto,
  PatchFeatureFlagsDto,
  PutFeatureFlagsDto,
} from './dto/put-feature-flags.dto';
import type { EffectiveFlags, FlagDocument } from './feature-flags.types';
import { FeatureFlagsService } from './feature-flags.service';

/** Media types `PATCH /feature-flags` reads (RFC 7396, and plain JSON for convenience). */
export const MERGE_PATCH_TYPES: [string, ...string[]] = [
  'application/merge-patch+json',
  'application/json',
];

@ApiTags('feature-flags')
@Controller('feature-flags')
export class FeatureFlagsController {
  constructor(private readonly service: FeatureFlagsService) {}

  /** Effective flags and the level they came from. */
  @Get()
  @ApiOkResponse({ type: EffectiveFlagsDto })
  get(): Promise<EffectiveFlags> {
    return this.service.effective();
  }

  @Put()
  @ApiOperation({
    summary: "Replace a level's whole flags document (admin)",
    description:
      'PUT replaces: every flag not in the body goes back to its default, and custom keys not ' +
      'sent are removed. To change some flags and keep the others, use PATCH.',
  })
  @AdminWrite(FlagDocumentDto)
  put(
    @Query() query: FlagLevelQueryDto,
    @Body() body: PutFeatureFlagsDto,
    @IfMatch() version: number | undefined,
  ): Promise<FlagDocument> {
    return this.service.replace(query.level ?? 'project', body, version);
  }

  @Patch()
  @ApiOperation({
    summary: "Change some flags of a level's document (admin), JSON Merge Patch",
    description:
      'RFC 7396: only the flags sent change; null puts a flag back to its default; custom is ' +
      'merged key by key and a custom key set to null is removed. Send ' +
      'application/merge-patch+json (application/json is accepted too).',
  })
  @Consumes(...MERGE_PATCH_TYPES)
  @ApiBody({ type: PatchFeatureFlagsDto })
  @AdminWrite(FlagDocumentDto)
  patch(
    @Query() query: FlagLevelQueryDto,
    @Body() body: PatchFeatureFlagsDto,
    @IfMatch() version: number | undefined,
  ): Promise<FlagDocument> {
    return this.service.patch(query.level ?? 'project', body, version);
  }
}
