import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID_FORMAT = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUEST_ID = Symbol('request_id');

type WithRequestId = Request & { [REQUEST_ID]?: string };

/**
 * Gives every request an id before anything else runs (body parsing included), so even a
 * malformed body gets an envelope with the id. A well-formed `X-Request-Id` is kept and
 * echoed; anything else is replaced by a generated UUID.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && REQUEST_ID_FORMAT.test(sent) ? sent : randomUUID();
  (req as WithRequestId)[REQUEST_ID] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

/** The id assigned by {@link requestIdMiddleware} (or a fresh one if it did not run). */
export function requestIdOf(req: Request): string {
  const r = req as WithRequestId;
  r[REQUEST_ID] ??= randomUUID();
  return r[REQUEST_ID];
}
