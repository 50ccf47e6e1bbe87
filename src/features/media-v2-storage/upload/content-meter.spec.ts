import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaTooLargeError } from '../media-v2-storage.errors';
import { ContentMeter } from './content-meter';

async function drain(meter: ContentMeter, chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  meter.on('data', (chunk: Buffer) => out.push(chunk));
  await pipeline(Readable.from(chunks), meter);
  return Buffer.concat(out);
}

describe('ContentMeter', () => {
  it('passes the bytes through and measures size and SHA-256 on the way', async () => {
    const meter = new ContentMeter(100);
    const out = await drain(meter, [Buffer.from('hello '), Buffer.from('world')]);
    expect(out.toString()).toBe('hello world');
    expect(meter.bytesSeen).toBe(11);
    expect(meter.digest()).toBe(createHash('sha256').update('hello world').digest('hex'));
  });

  it('accepts exactly the limit and fails with media_v2_storage.too_large one byte over it', async () => {
    await expect(
      drain(new ContentMeter(4), [Buffer.from('ab'), Buffer.from('cd')]),
    ).resolves.toHaveLength(4);
    await expect(
      drain(new ContentMeter(4), [Buffer.from('ab'), Buffer.from('cde')]),
    ).rejects.toBeInstanceOf(MediaTooLargeError);
  });
});
