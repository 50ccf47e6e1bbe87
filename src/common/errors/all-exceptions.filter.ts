import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { envelope } from './error-envelope';
import { mapError } from './http-error.mapper';
import { requestIdOf } from '../request-context/request-id.middleware';

/** Writes every error as the envelope; the only place an error becomes a response. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    writeError(exception, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

/** Shared by the Nest filter and the express error middleware (body-parser failures). */
export function writeError(err: unknown, req: Request, res: Response, logger: Logger): void {
  const mapped = mapError(err);
  const requestId = requestIdOf(req);
  if (mapped.unexpected) {
    logger.error({ err, request_id: requestId, path: req.path }, 'Unhandled error');
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(mapped.headers)) res.setHeader(name, value);
  res.status(mapped.status).json(envelope(mapped.code, mapped.message, mapped.details, requestId));
}
