import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { StrategyLockModule } from '../strategy-lock/strategy-lock.module';
import { FirestorePageContentRepository } from './adapters/firestore-page-content.repository';
import { InMemoryPageContentRepository } from './adapters/in-memory-page-content.repository';
import { PageContentRepository } from './page-content.repository';
import { PAGE_CONTENT_KIND } from './page-content.types';
import { PageContentController } from './page-content.controller';
import { PageContentService } from './page-content.service';

/** page_content: pages with unique slugs; publishing is gated by strategy_lock. */
@Module({
  imports: [StrategyLockModule],
  controllers: [PageContentController],
  providers: [
    provideRoutedRepository(
      PageContentRepository,
      PAGE_CONTENT_KIND,
      {
        firestore: (fs) => new FirestorePageContentRepository(fs),
        memory: () => new InMemoryPageContentRepository(),
      },
      { reads: ['get', 'getBySlug', 'list'] },
    ),
    PageContentService,
  ],
  exports: [PageContentService],
})
export class PageContentModule {}
