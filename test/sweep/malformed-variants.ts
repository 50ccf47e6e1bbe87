import type { SweepOperation } from './openapi-operations';

/** One malformed request. `body` is sent as is; no header is added. */
export interface Variant {
  category: string;
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** What every request starts from: a token that gets past auth, and the scope headers. */
export interface SweepBase {
  auth: Record<string, string>;
  scope: Record<string, string>;
}

const PLAUSIBLE: Record<string, string> = {
  id: '01arz3ndektsv4rrffq69g5fav',
  asset_id: '01arz3ndektsv4rrffq69g5fav',
  resource_kind: 'feature_flags',
  tenant_id: 't_sweep',
  env: 'test',
  project_id: 'p_web',
  surface: 'web',
};

const JSON_TYPE = { 'Content-Type': 'application/json' };

const WRONG_TYPE: Record<string, unknown> = {
  string: 12345,
  number: 'not-a-number',
  integer: 'not-a-number',
  boolean: 'yes',
  object: 'not-an-object',
  array: 'not-an-array',
};

const nestObjects = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/** Just over the app's 2 MB JSON limit; built once, sent to every operation. */
const OVERSIZED_BODY = `{"a":"${'x'.repeat(2_100_000)}"}`;

const LARGE = new Set(['2.1 MB body (over the limit)', '1.5 MB string field', '5,000 keys']);

export const PATH_TRICKS = [
  '..',
  '%2e%2e',
  '%00',
  'x'.repeat(5000),
  '..%2F..%2Fetc%2Fpasswd',
  '%E0%A4%A',
  '__proto__',
  '%ED%A0%80',
  'constructor',
  '%252e%252e',
];

/** Fills the template with plausible values, or with `value` for every parameter. */
function pathOf(op: SweepOperation, value?: string): string {
  return op.template.replace(
    /\{([^}]+)\}/g,
    (_m, name: string) => value ?? PLAUSIBLE[name] ?? 'x1',
  );
}

/** A body with every top-level property set by `valueOf` (the DTO's own names). */
function propsBody(op: SweepOperation, valueOf: (type: string) => unknown): string {
  const props = op.bodyProps.length > 0 ? op.bodyProps : [{ name: 'name', type: 'string' }];
  return JSON.stringify(Object.fromEntries(props.map((p) => [p.name, valueOf(p.type)])));
}

function stringProps(op: SweepOperation, value: string): string {
  return propsBody(op, () => value);
}

/** `{ <first property>: value }`: one field, for values too big to repeat. */
function firstProp(op: SweepOperation, value: unknown): string {
  return JSON.stringify({ [op.bodyProps[0]?.name ?? 'a']: value });
}

/** [name, content-type or null, body] of every body variant. */
function bodyVariants(op: SweepOperation): [string, string | null, string | Buffer][] {
  const json = 'application/json';
  return [
    ['wrong types', json, propsBody(op, (t) => WRONG_TYPE[t] ?? 12345)],
    ['all null', json, propsBody(op, () => null)],
    ['all objects', json, propsBody(op, () => ({ x: 1 }))],
    ['all arrays', json, propsBody(op, () => [1, 'a', null])],
    ['root array', json, '[1,2,3]'],
    ['root string', json, '"x"'],
    ['root null', json, 'null'],
    ['1e400 numbers', json, propsBody(op, () => 0).replace(/:0/g, ':1e400')],
    ['negative numbers', json, propsBody(op, () => -1)],
    ['unknown field', json, '{"zz_unknown":1}'],
    ['truncated JSON', json, '{"a":'],
    ['depth 5000 objects', json, nestObjects(5000)],
    ['depth 5000 arrays', json, '['.repeat(5000) + ']'.repeat(5000)],
    ['depth 65 in a field', json, firstProp(op, JSON.parse(nestObjects(65)) as unknown)],
    ['2.1 MB body (over the limit)', json, OVERSIZED_BODY],
    ['1.5 MB string field', json, firstProp(op, 'y'.repeat(1_500_000))],
    [
      '5,000 keys',
      json,
      JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))),
    ],
    ['lone surrogates', json, stringProps(op, 'x\ud800y')],
    ['NUL characters', json, stringProps(op, 'a\u0000b')],
    [
      'invalid UTF-8',
      json,
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    ],
    ['BOM', json, '\ufeff{}'],
    ['charset latin1', 'application/json; charset=latin1', '{}'],
    [
      'proto key',
      json,
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":1}',
    ],
    ['text/plain', 'text/plain', 'hello'],
    ['XML', 'application/xml', '<a><b>1</b></a>'],
    ['no content type', null, '{}'],
    ['multipart without boundary', 'multipart/form-data', '--b\r\n\r\nx\r\n--b--'],
    ['multipart garbage', 'multipart/form-data; boundary=zz', 'not multipart at all'],
    ['form urlencoded', 'application/x-www-form-urlencoded', 'a=1&__proto__[x]=1'],
    ['garbage content type', ';;;/;', '{}'],
  ];
}

function queryVariants(op: SweepOperation): [string, string][] {
  const names = op.queryParams.length > 0 ? op.queryParams.map((q) => q.name) : ['q'];
  const all = (v: string) => names.map((n) => `${n}=${v}`).join('&');
  return [
    ['query wrong types', names.map((n) => `${n}=-1e309`).join('&')],
    ['query empty', all('')],
    ['query repeated', names.map((n) => `${n}=1&${n}=2`).join('&')],
    ['query 8 KB value', all('q'.repeat(8000))],
    ['query NUL', all('%00')],
    ['query bad UTF-8', all('%ED%A0%80%FF')],
    ['query bad %', all('%E0%A4%A')],
    ['query nesting', `${names[0]}${'[a]'.repeat(100)}=1`],
    ['query proto keys', '__proto__[polluted]=1&constructor[prototype][x]=1&prototype=1'],
  ];
}

const MULTIPART =
  '--sweep\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n' +
  'Content-Type: text/plain\r\n\r\nhello\r\n--sweep--\r\n';

/** A body of the operation's own media type, so variants of other parts reach validation. */
function wellFormedBody(
  op: SweepOperation,
  headers: Record<string, string>,
): { headers: Record<string, string>; body?: string } {
  if (op.consumes.includes('multipart/form-data'))
    return {
      headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=sweep' },
      body: MULTIPART,
    };
  if (op.consumes.length > 0) return { headers: { ...headers, ...JSON_TYPE }, body: '{}' };
  return { headers };
}

/** The operation's plausible request (well-formed ids, an empty body of its own type). */
export function baselineOf(op: SweepOperation, base: SweepBase): Variant {
  const body = wellFormedBody(op, { ...base.auth, ...base.scope });
  return { category: 'baseline', name: 'baseline', method: op.method, path: pathOf(op), ...body };
}

/** Every malformed variant of one operation (well over 30). */
export function variantsOf(op: SweepOperation, base: SweepBase): Variant[] {
  const headers = { ...base.auth, ...base.scope };
  const okBody = wellFormedBody(op, headers);
  const v = (category: string, name: string, rest: Partial<Variant>): Variant => ({
    category,
    name,
    method: op.method,
    path: pathOf(op),
    ...okBody,
    ...rest,
  });
  // Megabyte bodies go to operations that read a body; the parser is the same for the rest.
  const bodies = bodyVariants(op).filter(([name]) => op.consumes.length > 0 || !LARGE.has(name));
  const out: Variant[] = bodies.map(([name, type, body]) =>
    v('body', name, {
      headers: type === null ? headers : { ...headers, 'Content-Type': type },
      body,
    }),
  );
  for (const trick of PATH_TRICKS)
    out.push(
      v('path', `path ${trick.slice(0, 12)}`, {
        path: op.pathParams.length > 0 ? pathOf(op, trick) : `${pathOf(op)}/${trick}`,
      }),
    );
  for (const [name, query] of queryVariants(op))
    out.push(v('query', name, { path: `${pathOf(op)}?${query}` }));
  const { Authorization: _auth, ...noAuth } = okBody.headers;
  const headerVariants: [string, Record<string, string>][] = [
    ['no token', noAuth],
    ['garbage token', { ...okBody.headers, Authorization: 'Bearer not.a.token' }],
    ['basic auth', { ...okBody.headers, Authorization: 'Basic YTpi' }],
    ['no scope headers', { ...base.auth, ...(op.consumes.length > 0 ? JSON_TYPE : {}) }],
    ['tenant ../', { ...okBody.headers, 'X-Tenant-Id': '../t_other' }],
    ['tenant 300 chars', { ...okBody.headers, 'X-Tenant-Id': `t_${'a'.repeat(300)}` }],
    ['env prod', { ...okBody.headers, 'X-Env': 'prod' }],
    ['project __proto__', { ...okBody.headers, 'X-Project-Id': '__proto__' }],
    ['If-Match garbage', { ...okBody.headers, 'If-Match': 'W/"abc", *' }],
    ['If-Match huge', { ...okBody.headers, 'If-Match': '"99999999999999999999999"' }],
    ['request id garbage', { ...okBody.headers, 'X-Request-Id': '<script>alert(1)</script>' }],
    ['latin1 idempotency key', { ...okBody.headers, 'Idempotency-Key': 'ÿ'.repeat(300) }],
    ['20 KB header', { ...okBody.headers, 'X-Padding': 'p'.repeat(20_000) }],
  ];
  for (const [name, h] of headerVariants) out.push(v('headers', name, { headers: h }));
  return out;
}
