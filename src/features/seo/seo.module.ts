import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreSeoConfigRepository } from './adapters/firestore-seo-config.repository';
import { InMemorySeoConfigRepository } from './adapters/in-memory-seo-config.repository';
import { SeoConfigRepository } from './seo-config.repository';
import { SeoController } from './seo.controller';
import { SeoService } from './seo.service';
import { SEO_KIND } from './seo.types';

/** seo: title, description and Open Graph settings per (surface, page_type). */
@Module({
  controllers: [SeoController],
  providers: [
    provideRoutedRepository(SeoConfigRepository, SEO_KIND, {
      firestore: (fs) => new FirestoreSeoConfigRepository(fs),
      memory: () => new InMemorySeoConfigRepository(),
    }),
    SeoService,
  ],
  exports: [SeoService],
})
export class SeoModule {}
