/** Deployment environments. `stage` is accepted on input and read as `staging`. */
export const ENVS = ['dev', 'test', 'staging', 'prod'] as const;
export type Env = (typeof ENVS)[number];

/** The tenant that holds deployment-wide defaults. */
export const SYSTEM_TENANT = 't_system';

export const TENANT_ID_FORMAT = /^t_[a-z0-9_-]{1,64}$/;
export const PROJECT_ID_FORMAT = /^p_[a-z0-9_-]{1,64}$/;

/** Envs where the real-infrastructure policy applies in full. */
export function isProtectedEnv(env: Env): boolean {
  return env === 'staging' || env === 'prod';
}

/** Reads an env name; returns null when it is not one of {@link ENVS} (or `stage`). */
export function parseEnv(value: string | undefined | null): Env | null {
  if (value === undefined || value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === 'stage') return 'staging';
  return (ENVS as readonly string[]).includes(v) ? (v as Env) : null;
}

/**
 * Where a record or a route lives: `(tenant_id, env, project_id?)`. A null project means
 * the whole tenant. Immutable; build with {@link Scope.of}.
 */
export class Scope {
  private constructor(
    readonly tenantId: string,
    readonly env: Env,
    readonly projectId: string | null,
  ) {}

  static of(tenantId: string, env: Env, projectId: string | null = null): Scope {
    return new Scope(tenantId, env, projectId);
  }

  /** The same tenant and env without the project (tenant-wide). */
  tenantWide(): Scope {
    return this.projectId === null ? this : new Scope(this.tenantId, this.env, null);
  }

  /** `t_system` in the same env: where deployment-wide defaults live. */
  system(): Scope {
    return new Scope(SYSTEM_TENANT, this.env, null);
  }

  equals(other: Scope): boolean {
    return (
      this.tenantId === other.tenantId &&
      this.env === other.env &&
      this.projectId === other.projectId
    );
  }

  /** `t_acme/prod/p_web`, or `t_acme/prod/*` for the whole tenant. Used in every message. */
  toString(): string {
    return `${this.tenantId}/${this.env}/${this.projectId ?? '*'}`;
  }
}
