import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreAnalyticsEventRepository } from './adapters/firestore-analytics-event.repository';
import { InMemoryAnalyticsEventRepository } from './adapters/in-memory-analytics-event.repository';
import { AnalyticsEventRepository } from './analytics-event.repository';
import { ANALYTICS_EVENTS_KIND } from './analytics-event.types';
import { AnalyticsEventsController } from './analytics-events.controller';
import { AnalyticsEventsService } from './analytics-events.service';

/** analytics_events: pageview and CTA-click ingest, queries and summaries. */
@Module({
  controllers: [AnalyticsEventsController],
  providers: [
    provideRoutedRepository(AnalyticsEventRepository, ANALYTICS_EVENTS_KIND, {
      firestore: (fs) => new FirestoreAnalyticsEventRepository(fs),
      memory: () => new InMemoryAnalyticsEventRepository(),
    }),
    AnalyticsEventsService,
  ],
  exports: [AnalyticsEventsService],
})
export class AnalyticsEventsModule {}
