import { PassThrough, Readable } from 'node:stream';
import { BackendError } from '../backend.error';
import { idleBounded } from './s3-idle-stream';

const MS = 100;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('idleBounded', () => {
  it('passes every byte through and ends with the source', async () => {
    const bytes = Buffer.alloc(1024 * 1024, 5);
    const out = idleBounded(
      Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
      MS,
      's3',
    );
    expect((await readAll(out)).equals(bytes)).toBe(true);
  });

  it('fails with a timeout BackendError when the source stalls while data is wanted', async () => {
    const source = new PassThrough();
    source.write('first');
    const out = idleBounded(source, MS, 's3 download');
    const failure = await readAll(out).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BackendError);
    expect((failure as BackendError).reason).toBe('timeout');
    expect((failure as Error).message).toMatch(/s3 download sent nothing for 100 ms/);
    expect(source.destroyed).toBe(true);
  });

  it('never trips while the reader does not read (backpressure), however long', async () => {
    const source = new PassThrough();
    const bytes = Buffer.alloc(256 * 1024, 1);
    source.end(bytes);
    const out = idleBounded(source, MS, 's3');
    out.pause();
    out.read(0);
    await new Promise((resolve) => setTimeout(resolve, MS * 4));
    expect(out.destroyed).toBe(false);
    expect((await readAll(out)).length).toBe(bytes.length);
  });

  it('passes a source failure on', async () => {
    const boom = new Error('reset');
    const source = new PassThrough();
    const out = idleBounded(source, MS, 's3');
    setImmediate(() => source.destroy(boom));
    await expect(readAll(out)).rejects.toBe(boom);
  });
});
