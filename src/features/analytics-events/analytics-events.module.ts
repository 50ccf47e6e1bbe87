import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreAnalyticsEventsRepository } from './adapters/firestore-analytics-events.repository';
import { InMemoryAnalyticsEventsRepository } from './adapters/in-memory-analytics-events.repository';
import { AnalyticsEventsRepository } from './analytics-events.repository';
import { ANALYTICS_EVENTS_KIND } from './analytics-events.types';
import { AnalyticsEventsController } from './analytics-events.controller';
import { AnalyticsEventsService } from './analytics-events.service';

/** analytics_events: pageview and CTA-click ingest, queries and summaries. */
@Module({
  controllers: [AnalyticsEventsController],
  providers: [
    provideRoutedRepository(
      AnalyticsEventsRepository,
      ANALYTICS_EVENTS_KIND,
      {
        firestore: (fs) => new FirestoreAnalyticsEventsRepository(fs),
        memory: () => new InMemoryAnalyticsEventsRepository(),
      },
      { reads: ['get', 'list', 'sumTotals'] },
    ),
    AnalyticsEventsService,
  ],
  exports: [AnalyticsEventsService],
})
export class AnalyticsEventsModule {}
