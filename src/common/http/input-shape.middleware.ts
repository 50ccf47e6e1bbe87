import type { NextFunction, Request, Response } from 'express';
import { ValidationFailedError } from '../errors/domain.error';
import { InputTooDeepError } from './http-input.errors';
import { inspectInput, MAX_INPUT_DEPTH } from './input-inspector';

const ILL_FORMED =
  'is not well-formed Unicode (it holds a lone UTF-16 surrogate such as "\\ud800"): ' +
  'send valid text, with surrogates only in high/low pairs';

/**
 * Runs right after body parsing, before guards and pipes: refuses a JSON body or query
 * nested beyond {@link MAX_INPUT_DEPTH} (class-validator recurses and would overflow the
 * stack) and any key or string that is not well-formed Unicode (backends reject or mangle
 * them), each as a 400 envelope through the express error handler.
 */
export function inputShapeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const inputs = [
    { where: 'body' as const, value: req.body as unknown },
    { where: 'query' as const, value: req.query as unknown },
  ];
  const fields: { field: string; problems: string[] }[] = [];
  for (const { where, value } of inputs) {
    const found = inspectInput(value);
    if (found.tooDeep) return next(new InputTooDeepError(where, MAX_INPUT_DEPTH));
    const suffix = where === 'query' ? ' (query parameter)' : '';
    for (const field of found.illFormed) fields.push({ field, problems: [ILL_FORMED + suffix] });
  }
  next(fields.length > 0 ? new ValidationFailedError(fields) : undefined);
}
