import type { RouteInput, RouteKey } from '../route.types';
import type { BackendType } from '../../backends/backend-type';
import { parseEnv, PROJECT_ID_FORMAT, TENANT_ID_FORMAT } from '../../common/scope/scope';
import { routeProblem, type RouteProblem } from './route-problem';

export const RESOURCE_KIND_FORMAT = /^[a-z][a-z0-9_]{0,63}$/;
const WRITABLE_FIELDS = [
  'resource_kind',
  'tenant_id',
  'env',
  'project_id',
  'backend_type',
  'config',
  'required',
  'rationale',
];
/** Store-managed fields: accepted (so an export can be applied again) and ignored. */
const MANAGED_FIELDS = ['version', 'updated_at', 'updated_by'];
const MAX_RATIONALE = 2000;
const KNOWN_FIELDS = new Set([...WRITABLE_FIELDS, ...MANAGED_FIELDS]);

export interface ParsedRouteInput {
  route: RouteInput | null;
  problems: RouteProblem[];
}

/**
 * Checks the shape of a route written by a person (seed file, API body, CLI file) and
 * normalises it (`stage` → `staging`, missing project → null). Policy comes after, in
 * {@link checkRoute}. `where` names the record in messages (`routes[3]`).
 */
export function parseRouteInput(raw: unknown, where: string | (() => string)): ParsedRouteInput {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      route: null,
      problems: [unkeyed(named(where), 'must be an object with the route fields')],
    };
  }
  const r = raw as Record<string, unknown>;
  const messages: string[] = [];
  const str = (name: string): string => {
    const v = r[name];
    if (typeof v !== 'string' || v === '') messages.push(`${name} is required (a string)`);
    return typeof v === 'string' ? v : '';
  };
  const kind = str('resource_kind');
  if (kind && !RESOURCE_KIND_FORMAT.test(kind))
    messages.push(`resource_kind "${kind}" must match ${RESOURCE_KIND_FORMAT.source}`);
  const tenant = str('tenant_id');
  if (tenant && !TENANT_ID_FORMAT.test(tenant))
    messages.push(`tenant_id "${tenant}" must match ${TENANT_ID_FORMAT.source}`);
  const envRaw = str('env');
  const env = parseEnv(envRaw);
  if (envRaw && env === null)
    messages.push(`env "${envRaw}" must be one of dev, test, staging, prod`);
  const project = r.project_id ?? null;
  if (project !== null && (typeof project !== 'string' || !PROJECT_ID_FORMAT.test(project))) {
    messages.push(
      `project_id ${JSON.stringify(project)} must be null or match ${PROJECT_ID_FORMAT.source}`,
    );
  }
  const backend = str('backend_type');
  const config = r.config ?? {};
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    messages.push('config must be an object');
  if (r.required !== undefined && typeof r.required !== 'boolean')
    messages.push('required must be true or false');
  if (
    r.rationale !== undefined &&
    (typeof r.rationale !== 'string' || r.rationale.length > MAX_RATIONALE)
  ) {
    messages.push(`rationale must be a string of at most ${MAX_RATIONALE} characters`);
  }
  for (const field in r) {
    if (!Object.hasOwn(r, field) || KNOWN_FIELDS.has(field)) continue;
    messages.push(`unknown field "${field}" (route fields: ${WRITABLE_FIELDS.join(', ')})`);
  }
  const key: RouteKey = {
    resource_kind: kind || '?',
    tenant_id: tenant || '?',
    env: env ?? ((envRaw || '?') as RouteKey['env']),
    project_id: typeof project === 'string' ? project : null,
  };
  if (messages.length > 0) {
    const at = named(where);
    return { route: null, problems: messages.map((m) => routeProblem(key, `${at}: ${m}`)) };
  }
  return {
    route: {
      ...key,
      backend_type: backend as BackendType,
      config: config as Record<string, unknown>,
      required: (r.required as boolean | undefined) ?? false,
      rationale: (r.rationale as string | undefined) ?? '',
    },
    problems: [],
  };
}

/** `where` is a function when naming the record costs something (a file of many routes). */
function named(where: string | (() => string)): string {
  return typeof where === 'string' ? where : where();
}

function unkeyed(where: string, message: string): RouteProblem {
  return { resource_kind: '?', scope: '?', message: `${where} ${message}` };
}
