import { Transform, type TransformFnParams } from 'class-transformer';

/*
 * Query strings arrive as strings (or arrays of them when a key repeats); these turn them
 * into the values the validators then check. A value they do not recognise is passed on
 * for validation to refuse, never dropped, so the caller learns which field was wrong.
 */

/** Query value `a,b` or repeated `?k=a&k=b` → `['a', 'b']`; empty → absent. */
export function ToList(): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    const values: unknown[] = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    const parts = values.flatMap((v): unknown[] => (typeof v === 'string' ? v.split(',') : [v]));
    const list = parts.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
    return list.length === 0 ? undefined : list;
  });
}

/**
 * Query value `true`/`false` → boolean; anything else is left to fail validation. With
 * `emptyAsAbsent`, an empty value (`?k=`) counts as left out instead of failing.
 */
export function ToBoolean(opts: { emptyAsAbsent?: boolean } = {}): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    if (opts.emptyAsAbsent === true && raw === '') return undefined;
    return raw === 'true' ? true : raw === 'false' ? false : raw;
  });
}

/** Empty query string → absent. */
export function EmptyAsAbsent(): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    return raw === '' ? undefined : raw;
  });
}
