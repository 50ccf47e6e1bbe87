import { AnalyticsEventsModule } from './features/analytics-events/analytics-events.module';
import { BudgetModule } from './features/budget/budget.module';
import { ChatBusModule } from './features/chat-bus/chat-bus.module';
import { FeatureFlagsModule } from './features/feature-flags/feature-flags.module';
import { FirearmsModule } from './features/firearms/firearms.module';
import { KpiModule } from './features/kpi/kpi.module';
import { MaybesModule } from './features/maybes/maybes.module';
import { MediaV2StorageModule } from './features/media-v2-storage/media-v2-storage.module';
import { MemoryModule } from './features/memory/memory.module';
import { NexusBackendModule } from './features/nexus-backend/nexus-backend.module';
import { PageContentModule } from './features/page-content/page-content.module';
import { RateLimitModule } from './features/rate-limit/rate-limit.module';
import { RawStorageModule } from './features/raw-storage/raw-storage.module';
import { RealtimeRegistryModule } from './features/realtime-registry/realtime-registry.module';
import { SeoModule } from './features/seo/seo.module';
import { StrategyLockModule } from './features/strategy-lock/strategy-lock.module';
import { TimelineModule } from './features/timeline/timeline.module';

/**
 * The mounted feature modules: the one list. Each declares its resource kind through
 * `provideRoutedRepository`, so this list is also the list of kinds boot validation checks.
 * Adding a kind = one line here (see docs/adding-a-feature-module.md).
 */
export const FEATURE_MODULES = [
  FeatureFlagsModule,
  FirearmsModule,
  KpiModule,
  BudgetModule,
  AnalyticsEventsModule,
  MaybesModule,
  MemoryModule,
  NexusBackendModule,
  TimelineModule,
  RealtimeRegistryModule,
  RateLimitModule,
  ChatBusModule,
  MediaV2StorageModule,
  RawStorageModule,
  StrategyLockModule,
  PageContentModule,
  SeoModule,
];
