import type {
  CollectionIds,
  CompositeIndex,
  IndexField,
  IndexFile,
} from '../../scripts/firestore-indexes';
import { checkQuery, type IndexCheck } from './firestore-index-rules';
import { describeQuery } from './firestore-query-shape';
import type { QueryLog } from './firestore-query-recorder';

/** One distinct query the code ran, where, and what the index file says about it. */
export interface QueryVerdict {
  query: string;
  at: string;
  check: IndexCheck;
}

/** Checks each distinct recorded query (same structure, same caller) once. */
export function verdictsOf(log: QueryLog, file: IndexFile, ids: CollectionIds): QueryVerdict[] {
  const seen = new Map<string, QueryVerdict>();
  for (const { shape, at } of log.queries) {
    const query = describeQuery(shape);
    const key = JSON.stringify([query, at, shape.parent.split('/')[0]]);
    if (!seen.has(key)) seen.set(key, { query, at, check: checkQuery(shape, file, ids) });
  }
  return [...seen.values()];
}

/**
 * The failure message for queries real Firestore would refuse (or that could not be read),
 * naming each query, its caller and the entry to add; null when there is none.
 */
export function failureReport(verdicts: QueryVerdict[], problems: string[]): string | null {
  const lines: string[] = [];
  for (const { query, at, check } of verdicts) {
    if (check.kind === 'missing')
      lines.push(`- ${query}\n    run at ${at}\n    add: ${JSON.stringify(check.add)}`);
    if (check.kind === 'unplaced')
      lines.push(
        `- ${query}\n    run at ${at}\n    on a collection scripts/firestore-indexes.ts does not find in the adapters`,
      );
  }
  lines.push(...problems.map((p) => `- query structure not readable: ${p}`));
  if (lines.length === 0) return null;
  return [
    'Firestore queries without their composite index in firestore.indexes.json (the emulator',
    'never asks for one; real Firestore refuses them with FAILED_PRECONDITION):',
    ...lines,
  ].join('\n');
}

/** `group (a ASC, b CONTAINS, c DESC)`: one index entry on one line. */
export function describeIndex(index: CompositeIndex): string {
  const field = (f: IndexField): string => `${f.fieldPath} ${f.order ?? f.arrayConfig}`;
  return `${index.collectionGroup} (${index.fields.map(field).join(', ')})`;
}

/**
 * The entries no recorded query used. Not a failure: the suites need not run every filter
 * combination a method can build. Entries on collections no recorded query touched are
 * only counted, so a run of one suite does not list the whole file.
 */
export function usageReport(verdicts: QueryVerdict[], file: IndexFile): string | null {
  if (verdicts.length === 0) return null;
  const used = new Set<string>();
  const queried = new Set<string>();
  for (const { check } of verdicts) {
    if (check.kind === 'covered') used.add(describeIndex(check.entry));
    if (check.kind === 'covered' || check.kind === 'missing')
      queried.add(
        check.kind === 'covered' ? check.entry.collectionGroup : check.add.collectionGroup,
      );
  }
  const unused = file.indexes.filter((i) => !used.has(describeIndex(i)));
  const listed = unused.filter((i) => queried.has(i.collectionGroup));
  const untouched = [...new Set(unused.map((i) => i.collectionGroup))].filter(
    (g) => !queried.has(g),
  );
  const composite = verdicts.filter((v) => v.check.kind !== 'single-field').length;
  return [
    `Firestore index check: ${verdicts.length} distinct queries recorded, ${composite} needing a` +
      ` composite index; ${used.size} of ${file.indexes.length} entries in firestore.indexes.json used.`,
    ...(listed.length > 0
      ? ['Not used by any recorded query:', ...listed.map((i) => `  ${describeIndex(i)}`)]
      : []),
    ...(untouched.length > 0
      ? [`Not listed, as no recorded query needed an index on them: ${untouched.join(', ')}`]
      : []),
  ].join('\n');
}
