import { randomBytes } from 'node:crypto';
import type { Response, Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

/** One part of a hand-built multipart body (tests need filenames no form library would send). */
export interface Part {
  name: string;
  value?: string;
  /** Sent as `filename="…"` (must be header-safe). */
  filename?: string;
  /** Sent as `filename*=utf-8''…` (percent-encoded), for names with control characters. */
  encodedFilename?: string;
  contentType?: string;
  data?: Buffer;
}

/** A `multipart/form-data` body and its Content-Type, byte for byte as given. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----media-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let disposition = `form-data; name="${part.name}"`;
    if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
    if (part.encodedFilename !== undefined)
      disposition += `; filename*=utf-8''${part.encodedFilename}`;
    const headers = [
      `Content-Disposition: ${disposition}`,
      ...(part.contentType ? [`Content-Type: ${part.contentType}`] : []),
    ];
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`),
      part.data ?? Buffer.from(part.value ?? ''),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A file part named `file`. */
export function filePart(
  data: Buffer | string,
  filename = 'clip.mp4',
  contentType = 'video/mp4',
): Part {
  return {
    name: 'file',
    filename,
    contentType,
    data: Buffer.isBuffer(data) ? data : Buffer.from(data),
  };
}

/** POSTs a hand-built multipart body to `/media/assets`. */
export function postMultipart(
  http: TestAgent,
  parts: Part[],
  headers: Record<string, string>,
): Test {
  const { body, contentType } = multipart(parts);
  return http.post('/media/assets').set(headers).set('Content-Type', contentType).send(body);
}

/** supertest parser collecting a binary response body as a Buffer. */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
