import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorators';
import { DomainError } from '../common/errors/domain.error';
import { LivenessDto, ReadinessDto } from './health.responses';
import { HealthService, type Readiness } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up. */
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Registry loaded and fresh, and every backend client in use answers a ping. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  async ready(): Promise<Readiness> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ok') {
      throw new DomainError(
        'health.not_ready',
        'unavailable',
        `Not ready: ${readiness.problems.join('; ')}`,
        { ...readiness },
      );
    }
    return readiness;
  }
}
