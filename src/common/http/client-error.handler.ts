import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { envelope } from '../errors/error-envelope';

/** Node's limit on the request line plus headers (`--max-http-header-size`, default 16 KiB). */
export const MAX_HEADER_BYTES = 16 * 1024;

const CLOSE_GRACE_MS = 2000;

interface ClientErrorAnswer {
  status: number;
  code: string;
  message: string;
}

/** The parser's error codes (llhttp) that get their own answer; every other one is a 400. */
const ANSWERS: Record<string, ClientErrorAnswer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'http.headers_too_large',
    message:
      `The request line and headers together exceed ${MAX_HEADER_BYTES / 1024} KB: ` +
      'shorten the URL (send large filters in a body) or drop oversized headers and cookies.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'http.request_timeout',
    message: 'The request was not received in time: send it again, without pausing mid-request.',
  },
};

const MALFORMED: ClientErrorAnswer = {
  status: 400,
  code: 'http.malformed_request',
  message:
    'The request is not valid HTTP/1.1 (bad request line, header or framing): fix the client and send it again.',
};

/** What Node's server keeps on a socket while a response is being written. */
type ServerSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

/**
 * `clientError` listener of the HTTP server: errors Node meets before any request object
 * exists (oversized headers, malformed HTTP) still get the error envelope, a fresh
 * `X-Request-Id` and `Connection: close`, instead of Node's bare status line.
 */
export function answerClientError(err: Error & { code?: string }, socket: ServerSocket): void {
  const answerable =
    err.code !== 'ECONNRESET' && socket.writable && socket._httpMessage?.headersSent !== true;
  if (!answerable) {
    socket.destroy();
    return;
  }
  const answer = ANSWERS[err.code ?? ''] ?? MALFORMED;
  const requestId = randomUUID();
  const body = JSON.stringify(
    envelope(answer.code, answer.message, { reason: err.code ?? 'unknown' }, requestId),
  );
  socket.end(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  // Destroying at once could reset the connection before the client reads the answer;
  // a client that never closes its side is cut off after a short grace.
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}
