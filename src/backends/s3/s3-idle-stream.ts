import { Readable } from 'node:stream';
import { BackendError } from '../backend.error';

/**
 * `source` passed through, failing with a timeout {@link BackendError} when it gives
 * nothing for `ms` while the reader is waiting for data. A reader that stops reading
 * (a slow client, backpressure) never trips it: the clock only runs while data is wanted.
 * For S3 response bodies, which the client's request timeout stops covering once the
 * headers arrived: a frozen S3 would otherwise hold a download open forever.
 */
export function idleBounded(source: Readable, ms: number, what: string): Readable {
  let timer: NodeJS.Timeout | undefined;
  const disarm = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const arm = (): void => {
    timer ??= setTimeout(
      () => out.destroy(new BackendError('timeout', `${what} sent nothing for ${ms} ms`)),
      ms,
    );
  };
  const out = new Readable({
    read() {
      arm();
      source.resume();
    },
    destroy(err, callback) {
      disarm();
      source.destroy();
      callback(err);
    },
  });
  source.pause();
  source.on('data', (chunk: Buffer) => {
    disarm();
    if (out.push(chunk)) arm();
    else source.pause();
  });
  source.once('end', () => {
    disarm();
    out.push(null);
  });
  source.once('error', (err) => out.destroy(err));
  return out;
}
