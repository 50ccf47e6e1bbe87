import { Agent, request } from 'node:http';
import { newSortableId } from '../src/common/ids/sortable-id';
import { Scope } from '../src/common/scope/scope';
import { FirestoreBudgetRepository } from '../src/features/budget/adapters/firestore-budget.repository';
import type { UsageEvent } from '../src/features/budget/budget.types';
import { benchHeaders } from './app';

const BATCH = 500;
/** Batches written at once while seeding. */
const PARALLEL = 4;
const DAY = 86_400_000;

/** The `i`th event of a seed; costs vary in every decimal place. */
function seedEvent(i: number, createdAt: string): UsageEvent {
  return {
    id: newSortableId(Date.parse(createdAt)),
    provider: ['openai', 'anthropic', 'google'][i % 3] as string,
    model: 'm-1',
    surface: ['web', 'app'][i % 2] as string,
    app: null,
    tool_id: null,
    tokens_input: i % 1000,
    tokens_output: i % 100,
    cost: `${i % 3}.${String(i % 10_000_000_000).padStart(10, '0')}`,
    currency: 'USD',
    metadata: {},
    created_at: createdAt,
    created_by: 'u_bench',
  };
}

/** Writes `count` events in 500-event batches (one created_at each), spread over 29 days. */
export async function seedBudgetUsage(
  repo: FirestoreBudgetRepository,
  tenant: string,
  count: number,
): Promise<void> {
  const scope = Scope.of(tenant, 'test', 'p_web');
  const batches = Math.ceil(count / BATCH);
  const write = async (b: number): Promise<void> => {
    const createdAt = new Date(Date.now() - 60_000 - Math.floor((b / batches) * 29 * DAY));
    const size = Math.min(BATCH, count - b * BATCH);
    const events = Array.from({ length: size }, (_, k) =>
      seedEvent(b * BATCH + k, createdAt.toISOString()),
    );
    await repo.appendUsage(scope, events);
  };
  for (let b = 0; b < batches; b += PARALLEL)
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, batches - b) }, (_, k) => write(b + k)),
    );
}

/** One request; resolves with its status and parsed JSON body. */
export function benchCall(
  url: string,
  agent: Agent,
  tenant: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = {
    ...benchHeaders(tenant),
    ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
