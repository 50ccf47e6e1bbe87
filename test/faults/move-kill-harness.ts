import type { Firestore } from '@google-cloud/firestore';
import type { AppProcess } from '../utils/app-process';
import { scopedHeaders } from '../utils/scoped-request';
import { signToken } from '../utils/tokens';

/** Helpers of the move-kill fault suite: the data it moves, the admin calls, a write prober. */

export const admin = {
  Authorization: `Bearer ${signToken({ sub: 'u_ops', registry_admin: true })}`,
  'Content-Type': 'application/json',
};

export async function json<T = Record<string, unknown>>(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

export const projectName = (i: number): string => `p_${String(i).padStart(4, '0')}`;

/** The flags stored for project `i`: every project different, versions above 1. */
export function flagsOf(i: number) {
  return {
    ws_enabled: i % 2 === 0,
    sse_enabled: i % 3 === 0,
    gesture_logging: i % 5 === 0,
    replay_mode: (['off', 'keyframe', 'stream'] as const)[i % 3],
    visibility_mode: (['private', 'team', 'public'] as const)[i % 3],
    custom: { n: i, label: `project ${i}` },
  };
}

/** The document path of a scope's flags under a collection prefix (`-` = tenant level). */
export const flagsPath = (prefix: string, tenant: string, project: string): string =>
  `${prefix}_tenants/${tenant}/envs/test/projects/${project}/feature_flags/flags`;

/**
 * Writes the tenant-level flags and `count` project flags straight into Firestore, in the
 * document shape the Firestore adapter writes (so a move has many scopes to copy).
 */
export async function writeFlags(
  db: Firestore,
  prefix: string,
  tenant: string,
  count: number,
): Promise<void> {
  const doc = (project: string, i: number) => ({
    flags: flagsOf(i),
    version: 1 + (i % 4),
    updated_at: new Date(Date.UTC(2024, 0, 1, 0, 0, i % 60)).toISOString(),
    updated_by: 'u_seed',
    tenant_id: tenant,
    env: 'test',
    project_id: project === '-' ? null : project,
  });
  const all: [string, number][] = [['-', count]];
  for (let i = 0; i < count; i += 1) all.push([projectName(i), i]);
  // Batched commits (the emulator serves Commit, not the BulkWriter's BatchWrite).
  for (let from = 0; from < all.length; from += 500) {
    const batch = db.batch();
    for (const [project, i] of all.slice(from, from + 500))
      batch.set(db.doc(flagsPath(prefix, tenant, project)), doc(project, i));
    await batch.commit();
  }
}

/** Flag documents present under a prefix for the tenant level and `count` projects. */
export async function countFlags(
  db: Firestore,
  prefix: string,
  tenant: string,
  count: number,
): Promise<number> {
  const refs = ['-', ...Array.from({ length: count }, (_, i) => projectName(i))].map((p) =>
    db.doc(flagsPath(prefix, tenant, p)),
  );
  return (await db.getAll(...refs)).filter((d) => d.exists).length;
}

/**
 * Writes the tenant-level flags through `app` in a loop and records each answer, so the
 * windows in which writes were refused (503 routing.scope_moving) can be measured.
 */
export class WriteProber {
  readonly answers: { at: number; status: number; n: number }[] = [];
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly app: AppProcess,
    private readonly tenant: string,
  ) {}

  start(): void {
    this.loop = (async () => {
      for (let n = 1; this.running; n += 1) {
        const res = await fetch(`${this.app.url}/feature-flags?level=tenant`, {
          method: 'PUT',
          headers: {
            ...scopedHeaders({ tenant: this.tenant, project: projectName(0) }),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ custom: { probe: n } }),
        }).catch(() => null);
        await res?.arrayBuffer();
        this.answers.push({ at: Date.now(), status: res?.status ?? 0, n });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The last write answered 200 (its probe number), or null. */
  lastAccepted(): number | null {
    return this.answers.filter((a) => a.status === 200).at(-1)?.n ?? null;
  }

  /** Spans (ms) of consecutive refused writes, first refusal to the next accepted write. */
  refusedSpans(): number[] {
    const spans: number[] = [];
    let from: number | null = null;
    for (const a of this.answers) {
      if (a.status === 503 && from === null) from = a.at;
      if (a.status === 200 && from !== null) {
        spans.push(a.at - from);
        from = null;
      }
    }
    return spans;
  }

  /** Statuses other than 200 and 503 (none are expected). */
  unexpected(): number[] {
    return this.answers.map((a) => a.status).filter((s) => s !== 200 && s !== 503);
  }
}
