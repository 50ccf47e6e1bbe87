import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreFirearmsRepository } from './adapters/firestore-firearms.repository';
import { InMemoryFirearmsRepository } from './adapters/in-memory-firearms.repository';
import { FirearmsController } from './firearms.controller';
import { FirearmsRepository } from './firearms.repository';
import { FirearmsService } from './firearms.service';
import { FIREARMS_KIND } from './firearms.types';

/** firearms: licences for dangerous actions and the check other kinds call. */
@Module({
  controllers: [FirearmsController],
  providers: [
    provideRoutedRepository(
      FirearmsRepository,
      FIREARMS_KIND,
      {
        firestore: (fs) => new FirestoreFirearmsRepository(fs),
        memory: () => new InMemoryFirearmsRepository(),
      },
      { reads: ['getAction', 'listActions', 'getLicence', 'listLicences', 'findValidLicence'] },
    ),
    FirearmsService,
  ],
  exports: [FirearmsService],
})
export class FirearmsModule {}
