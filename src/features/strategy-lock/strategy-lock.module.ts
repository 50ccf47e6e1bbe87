import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreStrategyLockRepository } from './adapters/firestore-strategy-lock.repository';
import { InMemoryStrategyLockRepository } from './adapters/in-memory-strategy-lock.repository';
import { StrategyLockRepository } from './strategy-lock.repository';
import { STRATEGY_LOCK_KIND } from './strategy-lock.types';
import { StrategyLockController } from './strategy-lock.controller';
import { StrategyLockService } from './strategy-lock.service';

/**
 * strategy_lock: approval workflow for locks that authorise actions. Other feature modules
 * import this module and call the exported {@link StrategyLockService} (`check`/`require`).
 */
@Module({
  controllers: [StrategyLockController],
  providers: [
    provideRoutedRepository(
      StrategyLockRepository,
      STRATEGY_LOCK_KIND,
      {
        firestore: (fs) => new FirestoreStrategyLockRepository(fs),
        memory: () => new InMemoryStrategyLockRepository(),
      },
      { reads: ['get', 'list', 'findApproved'] },
    ),
    StrategyLockService,
  ],
  exports: [StrategyLockService],
})
export class StrategyLockModule {}
