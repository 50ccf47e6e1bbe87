/**
 * The only error adapters throw for backend trouble, whatever the vendor. Each backend
 * folder has one translator that reads vendor error codes into this.
 */
export type BackendErrorReason =
  'unavailable' | 'timeout' | 'already_exists' | 'not_found' | 'conflict';

export class BackendError extends Error {
  constructor(
    readonly reason: BackendErrorReason,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'BackendError';
  }

  /** Whether the backend could not serve at all (the request answers 503). */
  get isOutage(): boolean {
    return this.reason === 'unavailable' || this.reason === 'timeout';
  }
}
