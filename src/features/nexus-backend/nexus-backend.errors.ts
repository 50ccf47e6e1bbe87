import { notFoundOf } from '../../common/errors/domain.error';
import { NEXUS_BACKEND_KIND } from './nexus-backend.types';

/** `404 nexus_backend.not_found`: no snippet with this id in the request's scope. */
export class SnippetNotFoundError extends notFoundOf(NEXUS_BACKEND_KIND, 'Snippet') {}
