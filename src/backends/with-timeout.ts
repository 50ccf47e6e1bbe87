import { BackendError } from './backend.error';

/**
 * Rejects with a timeout {@link BackendError} when `work` does not settle within `ms`. The
 * abandoned work may still fail later (a client closed under it): that late failure is
 * nobody's to handle, so it is swallowed rather than left as an unhandled rejection.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BackendError('timeout', `${what} did not answer within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
