import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const USAGE = `Usage: npm run new-kind -- <kind_name>
Writes a new feature module for the resource kind <kind_name> (snake_case, e.g. demo_kind),
copied from the reference module (feature-flags) with every name changed:
  src/features/<kind-name>/           module, port, service + spec, controller, DTOs, errors,
                                      memory and Firestore adapters
  test/contract/<kind-name>.*         the contract suite, run on memory
  test/integration/firestore/...      the same suite on the Firestore emulator
  test/e2e/<kind-name>.e2e-spec.ts    the HTTP API, with scope isolation
and registers it: one line in src/features.ts, a t_system route in config/routes.dev.yaml, and
copies of the reference's entries in firestore.indexes.json. The new kind passes lint and its
tests as written (npm test -- <kind-name>); then change its domain to yours.`;

/** The repository root (this file is in `scripts/`). */
const ROOT = resolve(__dirname, '..');

/** The module every new kind is copied from (docs/adding-a-feature-module.md). */
const REFERENCE = { kind: 'feature_flags', singular: 'feature_flag' };

/** The spellings of one kind name a copied file may contain. */
export interface KindNames {
  snake: string;
  kebab: string;
  pascal: string;
  camel: string;
  constant: string;
}

/** Every spelling of `feature_flags` style names, from the snake_case kind. */
export function kindNames(snake: string): KindNames {
  const words = snake.split('_');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return {
    snake,
    kebab: words.join('-'),
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    constant: snake.toUpperCase(),
  };
}

/** Kind names the registry accepts and that make valid identifiers in every spelling. */
const KIND_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** What is wrong with `kind` as a new kind name, or null. */
export function kindNameProblem(kind: string | undefined, root: string = ROOT): string | null {
  if (kind === undefined || kind === '') return 'name the kind to create';
  if (!KIND_NAME.test(kind)) {
    return `kind "${kind}" must be snake_case: lower-case letters and digits joined by "_" (e.g. demo_kind)`;
  }
  if (existsSync(join(root, 'src', 'features', kindNames(kind).kebab))) {
    return `src/features/${kindNames(kind).kebab} exists already: pick another name or remove that folder`;
  }
  const seed = readFileSync(join(root, 'config', 'routes.dev.yaml'), 'utf8');
  if (new RegExp(`resource_kind: ${kind}$`, 'm').test(seed)) {
    return `config/routes.dev.yaml already routes "${kind}": pick another name`;
  }
  return null;
}

/** Replaces every spelling of the reference kind (plural first, then singular) by `to`'s. */
export function renameKind(text: string, to: KindNames): string {
  const from = kindNames(REFERENCE.kind);
  const one = kindNames(REFERENCE.singular);
  const pairs: [string, string][] = [
    [from.constant, to.constant],
    [from.pascal, to.pascal],
    [from.camel, to.camel],
    [from.snake, to.snake],
    [from.kebab, to.kebab],
    [one.pascal, to.pascal],
    [one.camel, to.camel],
    [one.snake, to.snake],
    [one.kebab, to.kebab],
    ['feature flags', to.snake.replace(/_/g, ' ')],
    ['feature flag', to.snake.replace(/_/g, ' ')],
  ];
  return pairs.reduce((out, [a, b]) => out.split(a).join(b), text);
}

/** A reference file as the new kind's: renamed, and no longer calling itself the reference. */
function copyOfReference(text: string, to: KindNames): string {
  return renameKind(text, to).replace(
    `${to.snake}: the reference feature module; \`npm run new-kind\` copies it to start a kind.`,
    `${to.snake}: started by \`npm run new-kind\` from the reference module, ${REFERENCE.kind}.`,
  );
}

/** Every file below `dir`, as paths relative to the repository root. */
function filesBelow(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesBelow(path) : [path];
  });
}

/** The reference module's files: its folder and its suites in test/. */
function referenceFiles(): string[] {
  const kebab = kindNames(REFERENCE.kind).kebab;
  const tests = ['test/contract', 'test/integration/firestore', 'test/e2e'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.startsWith(`${kebab}.`))
      .map((name) => join(dir, name)),
  );
  return [...filesBelow(join('src', 'features', kebab)), ...tests];
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), text);
}

/** Adds the module's import and its entry at the end of FEATURE_MODULES. */
function registerModule(to: KindNames): void {
  const path = 'src/features.ts';
  const text = readFileSync(join(ROOT, path), 'utf8');
  const importLine = `import { ${to.pascal}Module } from './features/${to.kebab}/${to.kebab}.module';\n`;
  const lastImport = text.lastIndexOf('\nimport ');
  const afterImports = text.indexOf('\n', lastImport + 1) + 1;
  const withImport = text.slice(0, afterImports) + importLine + text.slice(afterImports);
  const end = withImport.indexOf('];', withImport.indexOf('FEATURE_MODULES = ['));
  write(path, `${withImport.slice(0, end)}  ${to.pascal}Module,\n${withImport.slice(end)}`);
}

/** Copies the reference kind's t_system route in the dev seed file. */
function addDevRoute(to: KindNames): void {
  const path = 'config/routes.dev.yaml';
  const text = readFileSync(join(ROOT, path), 'utf8');
  const start = text.indexOf(`  - resource_kind: ${REFERENCE.kind}\n`);
  const next = text.indexOf('\n  - ', start + 1);
  const block = text.slice(start, next === -1 ? undefined : next + 1);
  const route = block.replace(`resource_kind: ${REFERENCE.kind}`, `resource_kind: ${to.snake}`);
  write(path, `${text.trimEnd()}\n${route.trimEnd()}\n`);
}

interface IndexEntry {
  collectionGroup: string;
}

/** Copies the composite indexes and field overrides of the reference kind's collections. */
function addIndexes(to: KindNames): number {
  const path = 'firestore.indexes.json';
  const file = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, IndexEntry[]>;
  const ours = (e: IndexEntry): boolean => renameKind(e.collectionGroup, to) !== e.collectionGroup;
  let added = 0;
  for (const key of ['indexes', 'fieldOverrides'] as const) {
    const copies = (file[key] ?? []).filter(ours).map((e) => {
      added += 1;
      return JSON.parse(renameKind(JSON.stringify(e), to)) as IndexEntry;
    });
    file[key] = [...(file[key] ?? []), ...copies];
  }
  if (added > 0) write(path, `${JSON.stringify(file, null, 2)}\n`);
  return added;
}

function main(): void {
  const kind = process.argv[2];
  if (kind === '--help' || kind === '-h') {
    console.log(USAGE);
    return;
  }
  const problem = kindNameProblem(kind);
  if (problem !== null || kind === undefined) {
    console.error(`new-kind: ${problem ?? 'name the kind'}.\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const to = kindNames(kind);
  const written = referenceFiles().map((from) => {
    const path = renameKind(from, to);
    write(path, copyOfReference(readFileSync(join(ROOT, from), 'utf8'), to));
    return path;
  });
  registerModule(to);
  addDevRoute(to);
  const indexes = addIndexes(to);
  // Longer names reflow lines: the copy must pass `prettier --check` as written.
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  execFileSync(
    process.execPath,
    [prettier, '--write', '--log-level=warn', ...written, 'src/features.ts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  console.log(
    [
      `Created the kind ${kind} from ${REFERENCE.kind}:`,
      ...written.map((p) => `  ${relative(ROOT, join(ROOT, p))}`),
      `  src/features.ts: ${to.pascal}Module mounted`,
      `  config/routes.dev.yaml: t_system route for ${kind}`,
      `  firestore.indexes.json: ${indexes} entr${indexes === 1 ? 'y' : 'ies'} copied`,
      '',
      `Next: npm test -- ${to.kebab}; then change its domain (types, service rules, DTOs) to yours.`,
    ].join('\n'),
  );
}

if (require.main === module) main();
