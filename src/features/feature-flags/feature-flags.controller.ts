import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/access.decorators';
import { parseIfMatch } from '../../common/http/if-match';
import { FlagLevelQueryDto, PutFeatureFlagsDto } from './dto/put-feature-flags.dto';
import type { EffectiveFlags } from './feature-flag.types';
import { FeatureFlagsService } from './feature-flags.service';

@ApiTags('feature-flags')
@Controller('feature-flags')
export class FeatureFlagsController {
  constructor(private readonly service: FeatureFlagsService) {}

  /** Effective flags and the level they came from. */
  @Get()
  get(): Promise<EffectiveFlags> {
    return this.service.effective();
  }

  /** Replaces the project (default) or tenant level document. Admin; honours If-Match. */
  @Put()
  @RequireRole('admin')
  @ApiHeader({ name: 'If-Match', required: false, description: 'Current version, e.g. "3"' })
  async put(
    @Query() query: FlagLevelQueryDto,
    @Body() body: PutFeatureFlagsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const doc = await this.service.replace(query.level ?? 'project', body, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${doc.version}"`);
    return doc;
  }
}
