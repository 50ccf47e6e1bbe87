import { NotFoundError } from '../../common/errors/domain.error';
import { NEXUS_BACKEND_KIND } from './nexus-backend.types';

/** `404 nexus_backend.not_found`: no snippet with this id in the request's scope. */
export class SnippetNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(NEXUS_BACKEND_KIND, 'Snippet', id);
  }
}
