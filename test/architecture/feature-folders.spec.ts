import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const FEATURES = resolve(__dirname, '../../src/features');

/** Adapter file prefixes: the backend an adapter (or its helper) serves. */
const BACKEND_PREFIXES = ['firestore-', 'redis-', 's3-', 'in-memory-'];

const pascal = (kebab: string): string =>
  kebab
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** What breaks the naming rule of docs/adding-a-feature-module.md in one feature folder. */
function namingProblems(folder: string): string[] {
  const dir = join(FEATURES, folder);
  const kind = folder.replace(/-/g, '_');
  const problems: string[] = [];
  const types = readFileSync(join(dir, `${folder}.types.ts`), 'utf8');
  if (!types.includes(`export const ${kind.toUpperCase()}_KIND = '${kind}';`)) {
    problems.push(`${folder}.types.ts must export ${kind.toUpperCase()}_KIND = '${kind}'`);
  }
  for (const path of filesBelow(dir)) {
    const file = relative(dir, path);
    const [top, name = ''] = file.split('/');
    if (top === 'dto' || (name !== '' && top !== 'adapters')) continue;
    const base = name === '' ? file : name;
    const ok =
      top === 'adapters'
        ? base.startsWith(`${folder}-`) || BACKEND_PREFIXES.some((p) => base.startsWith(p))
        : base.startsWith(`${folder}.`) || base.startsWith(`${folder}-`);
    if (!ok) problems.push(`${file} must start with "${folder}" (adapters: a backend prefix)`);
    const roles = /\.(module|service|controller|repository)\.ts$/.exec(base);
    if (roles === null) continue;
    for (const [, cls] of readFileSync(path, 'utf8').matchAll(
      /export (?:abstract )?class (\w+)/g,
    )) {
      const prefix =
        top === 'adapters' ? /^(Firestore|Redis|S3|InMemory)(.*)$/.exec(cls ?? '')?.[2] : cls;
      if (!(prefix ?? '').startsWith(pascal(folder))) {
        problems.push(
          `${file}: class ${cls} must be named ${pascal(folder)}… (adapters: <Backend>${pascal(folder)}…)`,
        );
      }
    }
  }
  for (const [, code] of readFileSync(join(dir, `${folder}.errors.ts`), 'utf8').matchAll(
    /'([a-z_]+)\.[a-z_]+'/g,
  )) {
    if (code !== kind)
      problems.push(`${folder}.errors.ts: error code namespace "${code}" must be "${kind}"`);
  }
  return problems;
}

describe('feature folders follow one naming rule (docs/adding-a-feature-module.md)', () => {
  const folders = readdirSync(FEATURES).filter((f) => statSync(join(FEATURES, f)).isDirectory());

  it('finds the feature folders', () => {
    expect(folders.length).toBeGreaterThanOrEqual(17);
  });

  it.each(folders)('%s: folder = kind, files and classes prefixed by the folder', (folder) => {
    expect(namingProblems(folder)).toEqual([]);
  });
});
