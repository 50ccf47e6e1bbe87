import { parseArgs } from 'node:util';
import { createFirestoreClient, firestoreDriver } from '../src/backends/firestore/firestore.driver';
import { Scope, type Env } from '../src/common/scope/scope';
import { FirestoreAnalyticsEventsRepository } from '../src/features/analytics-events/adapters/firestore-analytics-events.repository';
import { backfillEventTotals } from '../src/features/analytics-events/analytics-events-totals-backfill';
import { FirestoreBudgetRepository } from '../src/features/budget/adapters/firestore-budget.repository';
import { backfillUsageTotals } from '../src/features/budget/budget-totals-backfill';

const USAGE = `Usage: npm run -s backfill-totals -- --kind budget|analytics_events
         --gcp-project <id> [--database "(default)"] [--prefix <collection_prefix>]
         --tenant t_<tenant> --env <env> [--project p_<project>] --before <ISO-8601 UTC>
Adds the events of one scope created before --before to the running totals that budget
summaries/checks and analytics summaries read (docs/aggregates.md). Use the route's
project_id, database_id and collection_prefix. Run once per scope, after every instance
writes totals, with --before at or after that moment; running it twice counts events twice.
Honours FIRESTORE_EMULATOR_HOST.`;

async function main(): Promise<void> {
  const { values: v } = parseArgs({
    options: {
      kind: { type: 'string' },
      'gcp-project': { type: 'string' },
      database: { type: 'string', default: '(default)' },
      prefix: { type: 'string' },
      tenant: { type: 'string' },
      env: { type: 'string' },
      project: { type: 'string' },
      before: { type: 'string' },
    },
  });
  const problems = [
    !['budget', 'analytics_events'].includes(v.kind ?? '') &&
      '--kind must be budget or analytics_events',
    !v['gcp-project'] && '--gcp-project is required',
    !v.tenant && '--tenant is required',
    !v.env && '--env is required',
    (!v.before || Number.isNaN(Date.parse(v.before))) && '--before must be an ISO-8601 UTC time',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\n${USAGE}`);
    process.exit(2);
  }
  const db = createFirestoreClient(
    v['gcp-project'] as string,
    v.database,
    process.env.FIRESTORE_EMULATOR_HOST ?? null,
  );
  const fs = firestoreDriver.handle(
    { client: db, close: () => db.terminate() },
    { collection_prefix: v.prefix },
  );
  const scope = Scope.of(v.tenant as string, v.env as Env, v.project ?? null);
  const before = new Date(v.before as string).toISOString();
  const added =
    v.kind === 'budget'
      ? await backfillUsageTotals(new FirestoreBudgetRepository(fs), scope, before)
      : await backfillEventTotals(new FirestoreAnalyticsEventsRepository(fs), scope, before);
  console.log(
    `Added ${added} ${v.kind} events of ${scope.toString()} created before ${before} to the running totals.`,
  );
  await db.terminate();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
