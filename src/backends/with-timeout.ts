import { BackendError } from './backend.error';

/**
 * Rejects with a timeout {@link BackendError} when `work` does not settle within `ms`. The
 * abandoned work may still fail later (a client closed under it): that late failure is
 * nobody's to handle, so it is swallowed rather than left as an unhandled rejection.
 * One promise and one timer per call: every routed repository call goes through here.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BackendError('timeout', `${what} did not answer within ${ms} ms`)),
      ms,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        // The work's own failure, passed on as it is (vendor errors are translated later).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(err);
      },
    );
  });
}
