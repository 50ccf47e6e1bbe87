import { NotFoundError, versionConflictOf } from '../../common/errors/domain.error';
import { SEO_KIND, type SeoKey } from './seo.types';

/** `404 seo.not_found`: no config for this surface and page type in this scope. */
export class SeoNotFoundError extends NotFoundError {
  constructor(key: SeoKey) {
    super(SEO_KIND, 'SEO config', `${key.surface}/${key.page_type}`);
  }
}

/** `409 seo.version_conflict`. */
export class SeoVersionConflictError extends versionConflictOf(SEO_KIND) {}
