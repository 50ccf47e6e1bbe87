import type { Request } from 'express';
import { parseEnv, PROJECT_ID_FORMAT, Scope, TENANT_ID_FORMAT, type Env } from '../scope/scope';
import { ContextError } from './auth.errors';

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  const value = Array.isArray(v) ? v[0] : v;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Reads `X-Tenant-Id`, `X-Env`, `X-Project-Id` into a scope, in that order of checks:
 * missing → `context.missing_*`, malformed → `context.invalid_*`, another env than the
 * deployment's → `context.env_mismatch`.
 */
export function readRequestScope(req: Request, deploymentEnv: Env): Scope {
  const tenant = header(req, 'x-tenant-id');
  if (tenant === undefined)
    throw new ContextError(
      'missing_tenant',
      'X-Tenant-Id header is required (for example t_acme).',
    );
  if (!TENANT_ID_FORMAT.test(tenant)) {
    throw new ContextError(
      'invalid_tenant',
      `X-Tenant-Id "${tenant}" must match ${TENANT_ID_FORMAT.source}.`,
      { tenant_id: tenant },
    );
  }
  const envRaw = header(req, 'x-env');
  if (envRaw === undefined)
    throw new ContextError(
      'missing_env',
      `X-Env header is required (this deployment serves ${deploymentEnv}).`,
    );
  const env = parseEnv(envRaw);
  if (env === null)
    throw new ContextError(
      'invalid_env',
      `X-Env "${envRaw}" must be one of dev, test, staging, prod.`,
      { env: envRaw },
    );
  if (env !== deploymentEnv) {
    throw new ContextError(
      'env_mismatch',
      `X-Env is ${env} but this deployment serves ${deploymentEnv}.`,
      {
        env,
        deployment_env: deploymentEnv,
      },
    );
  }
  const project = header(req, 'x-project-id');
  if (project === undefined)
    throw new ContextError(
      'missing_project',
      'X-Project-Id header is required (for example p_web).',
    );
  if (!PROJECT_ID_FORMAT.test(project)) {
    throw new ContextError(
      'invalid_project',
      `X-Project-Id "${project}" must match ${PROJECT_ID_FORMAT.source}.`,
      { project_id: project },
    );
  }
  return Scope.of(tenant, env, project);
}

const CONTEXT_FIELDS: [(scope: Scope) => string | null, string[]][] = [
  [(s) => s.tenantId, ['tenant_id', 'tenant', 'tenantId']],
  [(s) => s.env, ['env']],
  [(s) => s.projectId, ['project_id', 'project', 'projectId']],
];

/** A tenant/env/project in the path, query or body that differs from the headers → 400. */
export function assertNoMismatch(req: Request, scope: Scope): void {
  const sources: [string, unknown][] = [
    ['path', req.params],
    ['query', req.query],
    ['body', req.body],
  ];
  for (const [where, source] of sources) {
    if (source === null || typeof source !== 'object' || Array.isArray(source)) continue;
    for (const [read, names] of CONTEXT_FIELDS) {
      for (const name of names) {
        const value = (source as Record<string, unknown>)[name];
        if (value === undefined) continue;
        const expected = read(scope);
        const given =
          name === 'env' && typeof value === 'string' ? (parseEnv(value) ?? value) : value;
        if (given !== expected) {
          throw new ContextError(
            'mismatch',
            `${where} field "${name}" is ${JSON.stringify(value)} but the request headers say "${expected}".`,
            {
              field: name,
              where,
              header_value: expected,
            },
          );
        }
      }
    }
  }
}
