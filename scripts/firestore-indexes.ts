import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_CONFIG_SCHEMAS } from '../src/routing/policy/backend-config.schema';

const USAGE = `Usage: npm run -s firestore-indexes -- [--prefix dev] [--prefix staging]
Prints firestore.indexes.json for routes with the given collection_prefix: each top-level
collection a feature opens through its route (fs.collection) becomes {prefix}_{name}; scoped
collections (under {prefix}_tenants/...), subcollections and the registry's collections keep
their ids. Repeat --prefix (or pass --prefix "" for "no prefix") to get one file for a
database that holds several prefixes. Without --prefix, prints the file as it is.`;

/** The repository root (this file is in `scripts/`). */
export const REPO_ROOT = resolve(__dirname, '..');
export const INDEX_FILE = join(REPO_ROOT, 'firestore.indexes.json');

export interface IndexField {
  fieldPath: string;
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
}

export interface CompositeIndex {
  collectionGroup: string;
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: IndexField[];
}

/** A field override (single-field index settings, TTL) names its collection group too. */
export interface FieldOverride {
  collectionGroup: string;
  [key: string]: unknown;
}

export interface IndexFile {
  indexes: CompositeIndex[];
  fieldOverrides: FieldOverride[];
}

/** The collection ids the Firestore adapters use, by how a route's prefix applies to them. */
export interface CollectionIds {
  /** `fs.scoped(scope, name)`: under `{prefix_}tenants/.../projects/{p}/`, id never prefixed. */
  scoped: Set<string>;
  /** `fs.collection(name)`: top level through the route's handle, id is `{prefix}_{name}`. */
  prefixed: Set<string>;
  /** `db.collection(name)`: top level on a client used directly (the registry), never prefixed. */
  unprefixed: Set<string>;
  /** `doc.collection(name)`: a subcollection of a document, id never prefixed. */
  nested: Set<string>;
}

/** The Firestore adapters: `firestore-*.ts` in every feature's `adapters/` and the registry store. */
export function adapterFiles(root: string = REPO_ROOT): string[] {
  const features = join(root, 'src', 'features');
  const dirs = readdirSync(features, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(features, d.name, 'adapters'))
    .concat(join(root, 'src', 'routing', 'store'));
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => /^firestore-.*\.ts$/.test(n) && !n.endsWith('.spec.ts'))
          .map((n) => join(dir, n))
      : [],
  );
}

/** `const NAME[: Type] = { key: 'value', ... }` maps of one file (collection name tables). */
function stringMaps(source: string): Map<string, Record<string, string>> {
  const maps = new Map<string, Record<string, string>>();
  for (const m of source.matchAll(/const\s+(\w+)\s*(?::[^={]*)?=\s*\{([^{}]*)\}/g)) {
    const entries = [...(m[2] ?? '').matchAll(/(\w+)\s*:\s*'([^']+)'/g)];
    if (entries.length > 0)
      maps.set(m[1] ?? '', Object.fromEntries(entries.map((e) => [e[1] ?? '', e[2] ?? ''])));
  }
  return maps;
}

/** The names one argument stands for: a literal, `MAP[key]` (every value) or `MAP.key`. */
function namesOf(
  maps: Map<string, Record<string, string>>,
  literal: string | undefined,
  map: string | undefined,
  key: string | undefined,
): string[] {
  if (literal !== undefined) return [literal];
  const table = maps.get(map ?? '');
  if (table === undefined) return [];
  if (key === undefined) return Object.values(table);
  const value = table[key];
  return value === undefined ? [] : [value];
}

/** The argument forms a collection name is passed as: `'name'`, `MAP[expr]`, `MAP.key`. */
const NAME_ARG = String.raw`(?:'([^']+)'|(\w+)(?:\[[^\]]*\]|\.(\w+)))`;
/** A call whose first argument is `scope`: `fs.scoped(scope, name)` or `helper(scope, name)`. */
const SCOPED_CALL = new RegExp(String.raw`\b(\w+)\(\s*scope\s*,\s*${NAME_ARG}`, 'g');
/** A helper that only forwards its name: `col(scope: Scope, name: string) { return this.fs.scoped(scope, name) }`. */
const SCOPED_FORWARDER =
  /(\w+)\(\s*scope\s*:\s*Scope\s*,\s*(\w+)\s*:\s*string\s*\)[^{]*\{\s*return\s+this\.fs\s*\.scoped\(\s*scope\s*,\s*\2\s*\)/g;
/** `receiver.collection(name)`; the receiver says whether the prefix applies. */
const COLLECTION_CALL = new RegExp(String.raw`(\w+|\))\s*\.\s*collection\(\s*${NAME_ARG}`, 'g');

/** Scans the adapter sources for the collection ids they open (simple regexes, no parser). */
export function scanCollectionIds(root: string = REPO_ROOT): CollectionIds {
  const ids: CollectionIds = {
    scoped: new Set(),
    prefixed: new Set(),
    unprefixed: new Set(),
    nested: new Set(),
  };
  for (const file of adapterFiles(root)) {
    const source = readFileSync(file, 'utf8');
    const maps = stringMaps(source);
    const scopedCalls = new Set([
      'scoped',
      ...[...source.matchAll(SCOPED_FORWARDER)].map((m) => m[1]),
    ]);
    for (const m of source.matchAll(SCOPED_CALL))
      if (scopedCalls.has(m[1])) namesOf(maps, m[2], m[3], m[4]).forEach((n) => ids.scoped.add(n));
    for (const m of source.matchAll(COLLECTION_CALL)) {
      const receiver = m[1];
      const target =
        receiver === 'fs' ? ids.prefixed : receiver === 'db' ? ids.unprefixed : ids.nested;
      namesOf(maps, m[2], m[3], m[4]).forEach((n) => target.add(n));
    }
  }
  return ids;
}

/** Every collection id the adapters use, whatever the prefix rule. */
export function allCollectionIds(ids: CollectionIds): Set<string> {
  return new Set([...ids.scoped, ...ids.prefixed, ...ids.unprefixed, ...ids.nested]);
}

export function readIndexFile(path: string = INDEX_FILE): IndexFile {
  return JSON.parse(readFileSync(path, 'utf8')) as IndexFile;
}

/**
 * The collection ids an entry for `id` must be declared on under `prefix` (`''` = no
 * prefix): `{prefix}_{id}` for a top-level collection opened through the route, the id
 * itself for everything else (an id used both ways gets both).
 */
function idsFor(id: string, prefix: string, ids: CollectionIds): string[] {
  const out: string[] = [];
  if (ids.prefixed.has(id)) out.push(prefix === '' ? id : `${prefix}_${id}`);
  if (ids.scoped.has(id) || ids.unprefixed.has(id) || ids.nested.has(id)) out.push(id);
  if (out.length === 0)
    throw new Error(`collection "${id}" is not opened by any Firestore adapter: cannot place it`);
  return [...new Set(out)];
}

/** Orders collection ids by UTF-16 code units, as the file is sorted. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index file for routes with the given prefixes (the union, deduplicated, sorted). */
export function withPrefixes(file: IndexFile, prefixes: string[], ids: CollectionIds): IndexFile {
  const check = BACKEND_CONFIG_SCHEMAS.firestore.collection_prefix?.check as
    ((v: string) => string | null) | undefined;
  for (const prefix of prefixes) {
    const problem = prefix === '' ? null : (check?.(prefix) ?? null);
    if (problem !== null) throw new Error(`--prefix "${prefix}" ${problem}`);
  }
  const rename = <T extends { collectionGroup: string }>(entries: T[]): T[] => {
    const seen = new Set<string>();
    const out: T[] = [];
    for (const entry of entries)
      for (const prefix of prefixes)
        for (const collectionGroup of idsFor(entry.collectionGroup, prefix, ids)) {
          const next = { ...entry, collectionGroup };
          const key = JSON.stringify(next);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(next);
        }
    // A stable sort: the entries of one collection group keep their order in the file.
    return out.sort((a, b) => compareIds(a.collectionGroup, b.collectionGroup));
  };
  return { indexes: rename(file.indexes), fieldOverrides: rename(file.fieldOverrides) };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      prefix: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const file = readIndexFile();
  const out =
    values.prefix.length === 0 ? file : withPrefixes(file, values.prefix, scanCollectionIds());
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(1);
  }
}
