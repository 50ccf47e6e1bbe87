import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreMemoryRepository } from './adapters/firestore-memory.repository';
import { InMemoryMemoryRepository } from './adapters/in-memory-memory.repository';
import { MemoryController } from './memory.controller';
import { MemoryRepository } from './memory.repository';
import { MemoryService } from './memory.service';
import { MEMORY_KIND } from './memory.types';

/** memory: per-user session messages (append-only) and per-project blackboards. */
@Module({
  controllers: [MemoryController],
  providers: [
    provideRoutedRepository(
      MemoryRepository,
      MEMORY_KIND,
      {
        firestore: (fs) => new FirestoreMemoryRepository(fs),
        memory: () => new InMemoryMemoryRepository(),
      },
      { reads: ['listMessages', 'getBlackboard'] },
    ),
    MemoryService,
  ],
  exports: [MemoryService],
})
export class MemoryModule {}
