import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger as Pino } from 'pino';
import { logFieldsOf } from '../../common/request-context/log-fields';
import type { RequestContext } from '../../common/request-context/request-context';
import { requestIdOf } from '../../common/request-context/request-id.middleware';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's own exception handlers call `error(message, stack)`; the stack becomes `err`. */
const STACK = /\n\s*at /;

/**
 * The app's logger: structured JSON lines (pino), as Nest's logger and as the access log.
 * Each request gets one access line when its response ends, built from what the request
 * gathered ({@link logFieldsOf}: subject, tenant, env, project, `route.<kind>`), with no
 * serialisation of the whole request or response. Lines logged during a request carry its
 * `request_id`.
 */
export class AppLogger implements LoggerService {
  constructor(
    /** The pino logger lines are written to (`npm run dev` writes its banner to its stream). */
    readonly pino: Pino,
    private readonly context: RequestContext,
  ) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.call('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.call('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.call('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.call('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.call('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.call('fatal', message, params);
  }

  /**
   * Express middleware writing the access line of every request but health probes:
   * `info` below 400, `warn` for 4xx, `error` for 5xx.
   */
  readonly accessLog = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (this.pino.levelVal === Infinity || (req.url ?? '').startsWith('/health')) return next();
    const started = performance.now();
    res.once('close', () => this.writeAccess(req, res, started));
    next();
  };

  private writeAccess(req: IncomingMessage, res: ServerResponse, started: number): void {
    const status = res.statusCode;
    const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (!this.pino.isLevelEnabled(level)) return;
    const line = {
      request_id: requestIdOf(req as never),
      method: req.method,
      url: req.url,
      status,
      response_time_ms: Math.round((performance.now() - started) * 10) / 10,
      ...logFieldsOf(req),
    };
    const message =
      status >= 500
        ? 'request errored'
        : !req.readableAborted && res.writableEnded
          ? 'request completed'
          : 'request aborted';
    this.pino[level](line, message);
  }

  /**
   * As nestjs-pino did: the last extra parameter is Nest's context name, an object message
   * is merged into the line, an Error becomes `err`.
   */
  private call(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (this.context.active) fields.request_id = this.context.requestId;
    if (typeof message === 'object' && message !== null) {
      if (message instanceof Error) fields.err = message;
      else Object.assign(fields, message);
      this.pino[level](fields, ...(rest as [string]));
    } else if (
      level === 'error' &&
      typeof message === 'string' &&
      rest.length === 1 &&
      typeof rest[0] === 'string' &&
      STACK.test(rest[0])
    ) {
      const err = new Error(message);
      err.stack = rest[0];
      fields.err = err;
      this.pino[level](fields);
    } else {
      this.pino[level](fields, message as string, ...rest);
    }
  }
}
