import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
/** Fixture tree: a `src/` laid out like the real one, one forbidden import per file. */
const FIXTURES = join(ROOT, 'test', 'fixtures', 'architecture');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** A line of dependency-cruiser's `err` report: `error <rule>: <from> → <to>`. */
const REPORTED = /^\s*error (\S+): (\S+) → (\S+)$/gm;

/**
 * Runs dependency-cruiser's CLI as `npm run lint` does (the package is ESM-only, jest loads
 * CommonJS) with the project's rules over `src` of `cwd`: the rules match paths from
 * `^src/`, so the fixture folder is the base directory of its own run.
 */
function cruise(cwd: string): { status: number | null; violations: Violation[] } {
  const bin = realpathSync(join(ROOT, 'node_modules', '.bin', 'depcruise'));
  const run = spawnSync(process.execPath, [bin, 'src', '--config', CONFIG], {
    cwd,
    encoding: 'utf8',
  });
  if (run.stderr !== '') throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  const violations = [...run.stdout.matchAll(REPORTED)].map(([, rule, from, to]) => ({
    rule: rule ?? '',
    from: from ?? '',
    to: to ?? '',
  }));
  return { status: run.status, violations };
}

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  it('report each forbidden import of the fixture tree under its rule, and nothing else', () => {
    const { status, violations } = cruise(FIXTURES);
    const byFrom = (a: Violation, b: Violation): number => a.from.localeCompare(b.from);
    expect(violations.sort(byFrom)).toEqual(
      [
        {
          rule: 'backends-not-routing',
          from: 'src/backends/backend-uses-routing.ts',
          to: 'src/routing/route-name.ts',
        },
        {
          rule: 'kernel-standalone',
          from: 'src/common/kernel-uses-backends.ts',
          to: 'src/backends/driver-name.ts',
        },
        {
          rule: 'kernel-standalone',
          from: 'src/common/kernel-uses-config.ts',
          to: 'src/config/setting.ts',
        },
        {
          rule: 'kernel-standalone',
          from: 'src/common/kernel-uses-routing.ts',
          to: 'src/routing/route-name.ts',
        },
        {
          // alpha.service.ts also imports beta.service.ts, which is allowed.
          rule: 'no-feature-internals',
          from: 'src/features/alpha/alpha.service.ts',
          to: 'src/features/beta/beta-helper.ts',
        },
      ].sort(byFrom),
    );
    // A non-zero exit is what fails `npm run lint`.
    expect(status).toBe(violations.length);
  });

  it('hold on the real src', () => {
    expect(cruise(ROOT)).toEqual({ status: 0, violations: [] });
  });
});
