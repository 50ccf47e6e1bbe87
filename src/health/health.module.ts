import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/**
 * `/health` and `/ready`: reads the routing registry, the adapter cache and the backends'
 * circuits, so it sits above `routing/` and `backends/`, not in the kernel.
 */
@Module({
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
