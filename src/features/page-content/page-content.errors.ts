import { DomainError, notFoundOf, versionConflictOf } from '../../common/errors/domain.error';
import { PAGE_ERRORS } from './page-content.types';

/** `404 page_content.not_found`: missing, or in another scope. */
export class PageNotFoundError extends notFoundOf(PAGE_ERRORS, 'Page') {}

/** `409 page_content.version_conflict`. */
export class PageVersionConflictError extends versionConflictOf(PAGE_ERRORS) {}

/** `409 page_content.slug_taken`: another page of this scope already holds the surface + slug. */
export class PageSlugTakenError extends DomainError {
  constructor(surface: string, slug: string) {
    super(
      `${PAGE_ERRORS}.slug_taken`,
      'conflict',
      `Slug "${slug}" is already used by another page on surface "${surface}". Choose another slug.`,
      {
        surface,
        slug,
      },
    );
  }
}
