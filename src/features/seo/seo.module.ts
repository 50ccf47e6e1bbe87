import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreSeoRepository } from './adapters/firestore-seo.repository';
import { InMemorySeoRepository } from './adapters/in-memory-seo.repository';
import { SeoRepository } from './seo.repository';
import { SeoController } from './seo.controller';
import { SeoService } from './seo.service';
import { SEO_KIND } from './seo.types';

/** seo: title, description and Open Graph settings per (surface, page_type). */
@Module({
  controllers: [SeoController],
  providers: [
    provideRoutedRepository(
      SeoRepository,
      SEO_KIND,
      {
        firestore: (fs) => new FirestoreSeoRepository(fs),
        memory: () => new InMemorySeoRepository(),
      },
      { reads: ['get', 'list'] },
    ),
    SeoService,
  ],
  exports: [SeoService],
})
export class SeoModule {}
