import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreStrategyLockRepository } from './adapters/firestore-strategy-lock.repository';
import { InMemoryStrategyLockRepository } from './adapters/in-memory-strategy-lock.repository';
import { StrategyLockRepository } from './strategy-lock.repository';
import { STRATEGY_LOCK_KIND } from './strategy-lock.types';
import { StrategyLocksController } from './strategy-locks.controller';
import { StrategyLocksService } from './strategy-locks.service';

/**
 * strategy_lock: approval workflow for locks that authorise actions. Other feature modules
 * import this module and call the exported {@link StrategyLocksService} (`check`/`require`).
 */
@Module({
  controllers: [StrategyLocksController],
  providers: [
    provideRoutedRepository(StrategyLockRepository, STRATEGY_LOCK_KIND, {
      firestore: (fs) => new FirestoreStrategyLockRepository(fs),
      memory: () => new InMemoryStrategyLockRepository(),
    }),
    StrategyLocksService,
  ],
  exports: [StrategyLocksService],
})
export class StrategyLockModule {}
