import { DomainError } from '../../common/errors/domain.error';

/**
 * `503 routing.store_unavailable`: the registry store did not answer in time (down, frozen or
 * unreachable). Reads are safe to retry. A write may or may not have been applied: the
 * message says how to retry it safely.
 */
export class StoreUnavailableError extends DomainError {
  constructor(operation: string, write: boolean, reason: string, timeoutMs: number) {
    const retry = write
      ? 'The write may still be applied: retry it with the same Idempotency-Key (safe, it answers ' +
        'the first outcome), or read /routing/history before writing again without one.'
      : 'Nothing was changed; retrying is safe.';
    super(
      'routing.store_unavailable',
      'unavailable',
      `The routing registry store did not answer ${operation} within ${timeoutMs} ms (${reason}). ` +
        `${retry} Operators: check the registry's Firestore (GCP_PROJECT_ID, ` +
        'FIRESTORE_EMULATOR_HOST) and /routing/status; instances keep serving their last snapshot.',
      { operation, write_may_apply: write, timeout_ms: timeoutMs },
      { 'Retry-After': '1' },
    );
  }
}
