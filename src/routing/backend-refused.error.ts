import { DomainError, type ErrorCategory } from '../common/errors/domain.error';
import type { BackendError, BackendErrorReason } from '../backends/backend.error';

type Refusal = Exclude<BackendErrorReason, 'unavailable' | 'timeout'>;

const REFUSALS: Record<Refusal, { category: ErrorCategory; code: string; advice: string }> = {
  already_exists: {
    category: 'conflict',
    code: 'already_exists',
    advice:
      'A record with this id already exists. If this retries a request whose first attempt ' +
      'answered 503, read the record: the first attempt was applied.',
  },
  conflict: {
    category: 'conflict',
    code: 'write_conflict',
    advice: 'Another write to the same records happened at the same time; send it again.',
  },
  not_found: {
    category: 'not_found',
    code: 'not_found',
    advice: 'The record is gone (deleted meanwhile); read the list again.',
  },
};

/**
 * A backend answered but refused the operation (the record exists, a concurrent write won, the
 * record is gone) where the adapter did not turn that into a domain error of its own. Mapped to
 * `409 <kind>.already_exists` / `409 <kind>.write_conflict` / `404 <kind>.not_found` so such a
 * case is never a 500.
 */
export class BackendRefusedError extends DomainError {
  constructor(kind: string, scope: string, error: BackendError & { reason: Refusal }) {
    const refusal = REFUSALS[error.reason];
    super(
      `${kind}.${refusal.code}`,
      refusal.category,
      `The backend of ${kind} @ ${scope} refused the operation. ${refusal.advice}`,
      { resource_kind: kind, scope },
    );
  }

  /** True for the backend errors this class describes (the non-outage ones). */
  static describes(error: BackendError): error is BackendError & { reason: Refusal } {
    return error.reason in REFUSALS;
  }
}
