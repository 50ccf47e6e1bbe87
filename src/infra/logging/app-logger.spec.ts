import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { pino } from 'pino';
import {
  RequestContext,
  requestContextMiddleware,
} from '../../common/request-context/request-context';
import { requestIdMiddleware } from '../../common/request-context/request-id.middleware';
import { Scope } from '../../common/scope/scope';
import { AppLogger } from './app-logger';

type Line = Record<string, unknown>;

/** An AppLogger at `info` whose lines land in `lines`, parsed. */
function collectingLogger(): { logger: AppLogger; context: RequestContext; lines: Line[] } {
  const lines: Line[] = [];
  const stream = { write: (text: string) => lines.push(JSON.parse(text) as Line) };
  const context = new RequestContext();
  return { logger: new AppLogger(pino({ level: 'info' }, stream), context), context, lines };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server whose requests go through the middlewares createApp mounts, in its order. */
async function serve(logger: AppLogger, handle: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const r = req as Request;
    const s = res as unknown as Response;
    const next: NextFunction = () =>
      logger.accessLog(req, res, () => requestContextMiddleware(r, s, () => handle(req, res)));
    requestIdMiddleware(r, s, next);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { headers });
  await res.text();
  return res.status;
}

/** The access line is written when the response closes, just after the client has it. */
async function linesSettled(lines: Line[], count: number): Promise<Line[]> {
  for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  return lines;
}

describe('AppLogger', () => {
  let server: Server | undefined;
  afterEach(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));

  it("writes one access line per request with what the request gathered, at its status's level", async () => {
    const { logger, context, lines } = collectingLogger();
    const started = await serve(logger, (req, res) => {
      context.establish(
        { subject: 'u_alice', tenants: { t_acme: 'owner' }, projects: {}, registryAdmin: false },
        Scope.of('t_acme', 'test', 'p_web'),
      );
      context.annotate({ 'route.feature_flags': 'memory via t_system/test/*' });
      res.statusCode = req.url === '/fail' ? 503 : req.url === '/missing' ? 404 : 200;
      res.end('{}');
    });
    server = started.server;
    expect(await get(`${started.url}/feature-flags?level=project`, { 'x-request-id': 'r-1' })).toBe(
      200,
    );
    expect(await get(`${started.url}/missing`)).toBe(404);
    expect(await get(`${started.url}/fail`)).toBe(503);
    const [ok, missing, failed] = await linesSettled(lines, 3);
    expect(ok).toMatchObject({
      level: 30,
      msg: 'request completed',
      request_id: 'r-1',
      method: 'GET',
      url: '/feature-flags?level=project',
      status: 200,
      sub: 'u_alice',
      tenant_id: 't_acme',
      env: 'test',
      project_id: 'p_web',
      'route.feature_flags': 'memory via t_system/test/*',
    });
    expect(typeof ok?.response_time_ms).toBe('number');
    expect(missing).toMatchObject({ level: 40, status: 404, url: '/missing' });
    expect(missing?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed).toMatchObject({ level: 50, status: 503, msg: 'request errored' });
    expect(lines).toHaveLength(3);
  });

  it('writes no access line for health probes', async () => {
    const { logger, lines } = collectingLogger();
    const started = await serve(logger, (_req, res) => res.end('{}'));
    server = started.server;
    await get(`${started.url}/health/live`);
    await get(`${started.url}/feature-flags`);
    await linesSettled(lines, 1);
    expect(lines.map((l) => l.url)).toEqual(['/feature-flags']);
  });

  it("is Nest's logger: context name, object fields, errors, and the request id inside a request", () => {
    const { logger, context, lines } = collectingLogger();
    const nest = new Logger('Errors');
    Logger.overrideLogger(logger);
    try {
      context.run(() => nest.error({ path: '/x', err: new Error('boom') }, 'Unhandled error'));
      nest.warn('careful');
    } finally {
      Logger.overrideLogger(false);
    }
    logger.error('Failed', 'Error: Failed\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    const [unhandled, warned, failed] = lines;
    expect(unhandled).toMatchObject({
      level: 50,
      context: 'Errors',
      path: '/x',
      msg: 'Unhandled error',
    });
    expect(unhandled?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(unhandled?.err).toMatchObject({ message: 'boom' });
    expect(warned).toMatchObject({ level: 40, context: 'Errors', msg: 'careful' });
    expect(warned?.request_id).toBeUndefined();
    expect(failed).toMatchObject({
      level: 50,
      context: 'ExceptionsHandler',
      err: { message: 'Failed' },
    });
    expect((failed?.err as { stack: string }).stack).toContain('at somewhere');
  });
});
