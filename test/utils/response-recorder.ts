import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { OpenApiResponseChecker } from './openapi-response-checker';

/** Largest JSON body buffered for checking; larger ones are checked for status and type. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/**
 * Watches every response the server writes (whatever client sent the request) and checks it
 * against the OpenAPI document; `problems` lists each mismatch.
 */
export function recordResponses(server: Server, checker: OpenApiResponseChecker): string[] {
  const problems: string[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown): void => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const contentType = String(res.getHeader('content-type') ?? '');
      if (!contentType.includes('json') || size > MAX_BUFFERED) return;
      const buf = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(
            chunk as string,
            typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
          );
      size += buf.length;
      chunks.push(buf);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as ServerResponse['end'];
    let checked = false;
    // An aborted stream (an SSE client going away) closes without finishing.
    const onDone = (): void => {
      if (checked || !res.headersSent) return;
      checked = true;
      const contentType = res.getHeader('content-type');
      const buffered =
        method !== 'HEAD' && size <= MAX_BUFFERED && String(contentType ?? '').includes('json');
      const problem = checker.check({
        method,
        url,
        status: res.statusCode,
        contentType: contentType === undefined ? undefined : String(contentType),
        body: buffered ? Buffer.concat(chunks).toString('utf8') : undefined,
      });
      if (problem) problems.push(problem);
    };
    res.on('finish', onDone);
    res.on('close', onDone);
  });
  return problems;
}
