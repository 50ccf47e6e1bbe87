import { BackendUnavailableError } from '../../routing/routing.errors';

/** Methods that change nothing: a 503 on them is always safe to retry. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The error a request of `method` answers: a backend outage during a write is described as
 * one that may have been applied (the error is raised where the backend call fails, which
 * does not know the HTTP method).
 */
export function withWriteRetryAdvice(method: string, err: unknown): unknown {
  if (READ_METHODS.has(method) || !(err instanceof BackendUnavailableError)) return err;
  return err.forWrite();
}
