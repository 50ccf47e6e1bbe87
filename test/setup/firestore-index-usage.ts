import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readIndexFile } from '../../scripts/firestore-indexes';
import { usageReport, type QueryVerdict } from '../utils/firestore-index-report';

/** The folder where each checked suite leaves its verdicts for the run's summary. */
const USAGE_DIR = 'TEST_FIRESTORE_INDEX_USAGE_DIR';

/** Global setup: a fresh folder for this run, published to the workers like the servers. */
export function openIndexUsage(): void {
  process.env[USAGE_DIR] = mkdtempSync(join(tmpdir(), 'firestore-index-usage-'));
}

/** A suite's verdicts, one file per suite (workers write side by side). */
export function saveIndexUsage(suite: string, verdicts: QueryVerdict[]): void {
  const dir = process.env[USAGE_DIR];
  if (dir === undefined || verdicts.length === 0) return;
  const name = `${suite.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`;
  writeFileSync(join(dir, name), JSON.stringify(verdicts));
}

/**
 * Global teardown: prints which entries of firestore.indexes.json no recorded query used
 * (nothing when no checked suite ran), and removes the folder.
 */
export function closeIndexUsage(): void {
  const dir = process.env[USAGE_DIR];
  if (dir === undefined) return;
  const verdicts = readdirSync(dir).flatMap(
    (f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as QueryVerdict[],
  );
  rmSync(dir, { recursive: true, force: true });
  const report = usageReport(verdicts, readIndexFile());
  if (report !== null) process.stdout.write(`\n${report}\n`);
}
