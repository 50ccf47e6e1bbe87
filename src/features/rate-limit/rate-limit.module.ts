import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreRateLimitRepository } from './adapters/firestore-rate-limit.repository';
import { InMemoryRateLimitRepository } from './adapters/in-memory-rate-limit.repository';
import { RedisRateLimitRepository } from './adapters/redis-rate-limit.repository';
import { RateLimitController } from './rate-limit.controller';
import { RateLimitRepository } from './rate-limit.repository';
import { RateLimitService } from './rate-limit.service';
import { RATE_LIMIT_KIND } from './rate-limit.types';

/**
 * rate_limit: sliding-window-log limits per (tenant, env, project, action, subject) on Redis
 * (one Lua script per consumption) or Firestore (create()-claimed ticket chain). Policies and
 * logs live on the routed backend; a move (`POST /routing/moves`) carries both, the live
 * windows included, so the limit stays exact on the new backend.
 */
@Module({
  controllers: [RateLimitController],
  providers: [
    provideRoutedRepository(
      RateLimitRepository,
      RATE_LIMIT_KIND,
      {
        redis: (redis) => new RedisRateLimitRepository(redis),
        firestore: (fs) => new FirestoreRateLimitRepository(fs),
        memory: () => new InMemoryRateLimitRepository(),
      },
      // consume() records what it allows, so it is a write: refused while the scope moves.
      { reads: ['getPolicy', 'listPolicies'] },
    ),
    RateLimitService,
  ],
  exports: [RateLimitService],
})
export class RateLimitModule {}
