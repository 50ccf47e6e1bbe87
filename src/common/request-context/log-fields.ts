const LOG_FIELDS = Symbol('log_fields');

/** Fields the access log line of a request carries, gathered while it runs. */
export function logFieldsOf(req: object): Record<string, unknown> {
  const r = req as { [LOG_FIELDS]?: Record<string, unknown> };
  r[LOG_FIELDS] ??= {};
  return r[LOG_FIELDS];
}
