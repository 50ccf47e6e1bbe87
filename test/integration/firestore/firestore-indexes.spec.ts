import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  INDEX_FILE,
  REPO_ROOT,
  adapterFiles,
  allCollectionIds,
  compareIds,
  readIndexFile,
  scanCollectionIds,
  withPrefixes,
  type CollectionIds,
  type IndexFile,
} from '../../../scripts/firestore-indexes';

/**
 * firestore.indexes.json is what real Firestore needs and the emulator never asks for. The
 * Firestore suites check that each query they run has its entry
 * (test/setup/firestore-index-check.ts); this spec checks the file itself: a malformed entry,
 * or one on a collection the code does not use. Collection ids are scanned from the adapters'
 * source, never listed here.
 */
describe('firestore.indexes.json', () => {
  const raw: unknown = JSON.parse(readFileSync(INDEX_FILE, 'utf8'));
  const file = readIndexFile();
  let ids: CollectionIds;
  let sources: string;

  beforeAll(() => {
    ids = scanCollectionIds();
    sources = adapterFiles()
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
  });

  it('has the shape the Firebase and gcloud tooling reads', () => {
    expect(Object.keys(raw as object).sort()).toEqual(['fieldOverrides', 'indexes']);
    expect(Array.isArray(file.indexes)).toBe(true);
    expect(Array.isArray(file.fieldOverrides)).toBe(true);
    expect(file.indexes.length).toBeGreaterThan(0);
    for (const index of file.indexes) {
      const where = JSON.stringify(index);
      expect(Object.keys(index).sort()).toEqual(['collectionGroup', 'fields', 'queryScope']);
      expect(index.collectionGroup).toMatch(/^[A-Za-z0-9_.-]+$/);
      expect(index.queryScope).toBe('COLLECTION');
      expect(index.fields.length).toBeGreaterThanOrEqual(2);
      for (const field of index.fields) {
        expect(typeof field.fieldPath).toBe('string');
        const keys = Object.keys(field).sort();
        if (keys.includes('arrayConfig')) {
          expect({ where, keys }).toEqual({ where, keys: ['arrayConfig', 'fieldPath'] });
          expect(field.arrayConfig).toBe('CONTAINS');
        } else {
          expect({ where, keys }).toEqual({ where, keys: ['fieldPath', 'order'] });
          expect(['ASCENDING', 'DESCENDING']).toContain(field.order);
        }
      }
      const paths = index.fields.map((f) => f.fieldPath);
      expect({ where, unique: new Set(paths).size }).toEqual({ where, unique: paths.length });
      // A query can hold one array-contains(-any) and the ordered field is last, never an array.
      expect(index.fields.filter((f) => f.arrayConfig !== undefined).length).toBeLessThanOrEqual(1);
      expect(index.fields.at(-1)?.order).toBeDefined();
    }
  });

  it('is sorted by collection group', () => {
    const groups = file.indexes.map((i) => i.collectionGroup);
    expect(groups).toEqual([...groups].sort(compareIds));
  });

  it('declares no index twice', () => {
    const keys = file.indexes.map((i) =>
      JSON.stringify([i.collectionGroup, i.queryScope, i.fields]),
    );
    const twice = keys.filter((k, n) => keys.indexOf(k) !== n);
    expect(twice).toEqual([]);
  });

  it('finds the collection ids in the adapters', () => {
    // The scan itself must work, or the next checks would pass on nothing.
    expect(adapterFiles().length).toBeGreaterThan(1);
    expect(ids.scoped.size).toBeGreaterThan(0);
    expect(ids.unprefixed.size).toBeGreaterThan(0);
  });

  it('names only collection ids the Firestore adapters open', () => {
    const known = allCollectionIds(ids);
    const unknown = file.indexes.map((i) => i.collectionGroup).filter((g) => !known.has(g));
    expect(unknown).toEqual([]);
  });

  it('indexes only fields the adapters name', () => {
    // Every queried field is a top-level field the adapters name as a literal (`.where()`,
    // `.orderBy()`, a literal array of fields) or as a key (`whereEqual(query, { field })`, a
    // record schema), so a typo here shows as a name no adapter uses.
    const paths = new Set(file.indexes.flatMap((i) => i.fields.map((f) => f.fieldPath)));
    const named = (p: string): boolean =>
      sources.includes(`'${p}'`) || new RegExp(`[{,\\s]${p}:`).test(sources);
    expect([...paths].filter((p) => !named(p))).toEqual([]);
  });

  describe('with a collection prefix', () => {
    it('keeps scoped, nested and registry collection ids', () => {
      const dev = withPrefixes(file, ['dev'], ids);
      const onlyPrefixed = (g: string): boolean =>
        ids.prefixed.has(g) && !ids.scoped.has(g) && !ids.unprefixed.has(g) && !ids.nested.has(g);
      expect(dev.indexes).toEqual(file.indexes.filter((i) => !onlyPrefixed(i.collectionGroup)));
    });

    it('renames a top-level collection opened through the route to {prefix}_{name}', () => {
      const [global] = [...ids.prefixed];
      const [scoped] = [...ids.scoped];
      expect(global).toBeDefined();
      const fields = [
        { fieldPath: 'a', order: 'ASCENDING' as const },
        { fieldPath: 'b', order: 'DESCENDING' as const },
      ];
      const input: IndexFile = {
        indexes: [
          { collectionGroup: String(global), queryScope: 'COLLECTION', fields },
          { collectionGroup: String(scoped), queryScope: 'COLLECTION', fields },
        ],
        fieldOverrides: [],
      };
      const out = withPrefixes(input, ['dev', 'qa', 'dev'], ids);
      expect(out.indexes.map((i) => i.collectionGroup).sort(compareIds)).toEqual(
        [`dev_${global}`, `qa_${global}`, String(scoped)].sort(compareIds),
      );
      expect(withPrefixes(input, [''], ids)).toEqual({
        ...input,
        indexes: [...input.indexes].sort((a, b) =>
          compareIds(a.collectionGroup, b.collectionGroup),
        ),
      });
    });

    it('refuses a prefix the route config would refuse, and an unknown collection', () => {
      expect(() => withPrefixes(file, ['bad/prefix'], ids)).toThrow(/--prefix "bad\/prefix"/);
      const stray: IndexFile = {
        indexes: [{ ...file.indexes[0]!, collectionGroup: 'no_such_collection' }],
        fieldOverrides: [],
      };
      expect(() => withPrefixes(stray, ['dev'], ids)).toThrow(/no_such_collection/);
    });

    it('is what `npm run -s firestore-indexes -- --prefix dev` prints', () => {
      const out = execFileSync(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          'scripts/firestore-indexes.ts',
          '--prefix',
          'dev',
        ],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual(withPrefixes(file, ['dev'], ids));
    });
  });
});
