import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from './domain.error';
import { STATUS_BY_CATEGORY } from './http-status';

/** What the filter writes: status, envelope fields and extra headers. */
export interface MappedError {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  headers: Record<string, string>;
  /** True when the error was not anticipated and deserves an error-level log with stack. */
  unexpected: boolean;
}

const HTTP_CODES: Record<number, [string, string]> = {
  [HttpStatus.NOT_FOUND]: ['http.not_found', 'No route matches this method and path.'],
  [HttpStatus.METHOD_NOT_ALLOWED]: ['http.method_not_allowed', 'Method not allowed here.'],
  [HttpStatus.PAYLOAD_TOO_LARGE]: [
    'http.payload_too_large',
    'The request body is larger than this endpoint accepts.',
  ],
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: [
    'http.unsupported_media_type',
    'Send the body as application/json.',
  ],
};

/** Body-parser failures arrive as plain errors carrying `status` and `type`. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Maps anything thrown during a request onto the envelope; unknown errors become 500. */
export function mapError(err: unknown): MappedError {
  if (err instanceof DomainError) {
    return {
      status: STATUS_BY_CATEGORY[err.category],
      code: err.code,
      message: err.message,
      details: err.details,
      headers: err.headers,
      unexpected: err.category === 'internal',
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 400) return badRequest(err.message);
    const [code, message] = HTTP_CODES[status] ?? [`http.${status}`, err.message];
    return { status, code, message, details: {}, headers: {}, unexpected: status >= 500 };
  }
  const parser = err as ParserError;
  const status = parser?.status ?? parser?.statusCode;
  if (parser?.type === 'entity.parse.failed') return badRequest('JSON');
  if (typeof status === 'number' && status >= 400 && status < 500 && parser.expose !== false) {
    const [code, message] = HTTP_CODES[status] ?? [`http.${status}`, 'The request was refused.'];
    return { status, code, message, details: {}, headers: {}, unexpected: false };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'internal.error',
    message: 'Internal error. Quote the request_id when you report it.',
    details: {},
    headers: {},
    unexpected: true,
  };
}

/** Nest maps body-parser syntax errors and bad %-encodings in the path to a plain 400. */
function badRequest(cause: string): MappedError {
  const json = /JSON/i.test(cause);
  return {
    status: HttpStatus.BAD_REQUEST,
    code: json ? 'validation.invalid_json' : 'validation.invalid_request',
    message: json
      ? 'The request body is not valid JSON. Fix the syntax and send it again.'
      : 'The request is malformed (for example a bad %-encoding in the path). Fix it and send it again.',
    details: {},
    headers: {},
    unexpected: false,
  };
}
