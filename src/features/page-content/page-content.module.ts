import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { StrategyLockModule } from '../strategy-lock/strategy-lock.module';
import { FirestorePageRepository } from './adapters/firestore-page.repository';
import { InMemoryPageRepository } from './adapters/in-memory-page.repository';
import { PageRepository } from './page.repository';
import { PAGE_CONTENT_KIND } from './page.types';
import { PagesController } from './pages.controller';
import { PagesService } from './pages.service';

/** page_content: pages with unique slugs; publishing is gated by strategy_lock. */
@Module({
  imports: [StrategyLockModule],
  controllers: [PagesController],
  providers: [
    provideRoutedRepository(PageRepository, PAGE_CONTENT_KIND, {
      firestore: (fs) => new FirestorePageRepository(fs),
      memory: () => new InMemoryPageRepository(),
    }),
    PagesService,
  ],
  exports: [PagesService],
})
export class PageContentModule {}
