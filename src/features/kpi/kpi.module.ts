import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreKpiRepository } from './adapters/firestore-kpi.repository';
import { InMemoryKpiRepository } from './adapters/in-memory-kpi.repository';
import { KpiController } from './kpi.controller';
import { KpiRepository } from './kpi.repository';
import { KpiService } from './kpi.service';
import { KPI_KIND } from './kpi.types';

/** kpi: definitions, corridors, measurements and corridor status per surface. */
@Module({
  controllers: [KpiController],
  providers: [
    provideRoutedRepository(
      KpiRepository,
      KPI_KIND,
      {
        firestore: (fs) => new FirestoreKpiRepository(fs),
        memory: () => new InMemoryKpiRepository(),
      },
      { reads: ['getDefinition', 'listDefinitions', 'listCorridors', 'listMeasurements'] },
    ),
    KpiService,
  ],
  exports: [KpiService],
})
export class KpiModule {}
