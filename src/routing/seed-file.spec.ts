import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRoutesFile } from './seed-file';

describe('readRoutesFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'routes-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const file = async (name: string, text: string): Promise<string> => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };

  it('reads YAML and JSON files of the same shape', async () => {
    const yaml = await file(
      'r.yaml',
      'routes:\n  - { resource_kind: kpi, tenant_id: t_system, env: stage, backend_type: firestore }\n',
    );
    const json = await file(
      'r.json',
      JSON.stringify({
        routes: [
          {
            resource_kind: 'kpi',
            tenant_id: 't_system',
            env: 'staging',
            backend_type: 'firestore',
          },
        ],
      }),
    );
    const [a, b] = await Promise.all([readRoutesFile(yaml), readRoutesFile(json)]);
    expect(a).toEqual(b);
    expect(a.routes[0]).toMatchObject({ env: 'staging', project_id: null });
  });

  it('names the file and what is wrong when it cannot be used', async () => {
    expect((await readRoutesFile(join(dir, 'missing.yaml'))).problems[0]?.message).toMatch(
      /cannot read routes file ".*missing.yaml"/,
    );
    expect(
      (await readRoutesFile(await file('bad.json', '{ routes: '))).problems[0]?.message,
    ).toMatch(/is not valid JSON/);
    expect((await readRoutesFile(await file('list.yaml', '- a\n'))).problems[0]?.message).toMatch(
      /must hold \{ routes: \[ \.\.\. \] \}/,
    );
  });

  it('reports every bad record with its position', async () => {
    const path = await file(
      'some.yaml',
      'routes:\n  - { resource_kind: kpi }\n  - { resource_kind: kpi, tenant_id: t_a, env: prod, backend_type: redis }\n',
    );
    const parsed = await readRoutesFile(path);
    expect(parsed.routes).toHaveLength(1);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'routes[0]: tenant_id is required (a string)',
      'routes[0]: env is required (a string)',
      'routes[0]: backend_type is required (a string)',
    ]);
  });
});
