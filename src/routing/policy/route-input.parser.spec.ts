import { parseRouteInput } from './route-input.parser';

describe('parseRouteInput', () => {
  it('normalises stage to staging and a missing project to null', () => {
    const { route, problems } = parseRouteInput(
      { resource_kind: 'kpi', tenant_id: 't_a', env: 'stage', backend_type: 'firestore' },
      'routes[0]',
    );
    expect(problems).toEqual([]);
    expect(route).toMatchObject({
      env: 'staging',
      project_id: null,
      config: {},
      required: false,
      rationale: '',
    });
  });

  it('lists every shape problem with the record position', () => {
    const { route, problems } = parseRouteInput(
      {
        resource_kind: 'Bad Kind',
        tenant_id: 'acme',
        env: 'qa',
        project_id: 'web',
        config: [],
        colour: 1,
      },
      'routes[2]',
    );
    expect(route).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([
      'routes[2]: resource_kind "Bad Kind" must match ^[a-z][a-z0-9_]{0,63}$',
      'routes[2]: tenant_id "acme" must match ^t_[a-z0-9_-]{1,64}$',
      'routes[2]: env "qa" must be one of dev, test, staging, prod',
      'routes[2]: project_id "web" must be null or match ^p_[a-z0-9_-]{1,64}$',
      'routes[2]: backend_type is required (a string)',
      'routes[2]: config must be an object',
      'routes[2]: unknown field "colour" (route fields: resource_kind, tenant_id, env, project_id, backend_type, config, required, rationale)',
    ]);
  });

  it('accepts store-managed fields so an export can be applied again', () => {
    const { problems } = parseRouteInput(
      {
        resource_kind: 'kpi',
        tenant_id: 't_a',
        env: 'prod',
        backend_type: 'firestore',
        version: 3,
        updated_at: 'x',
        updated_by: 'y',
      },
      'routes[0]',
    );
    expect(problems).toEqual([]);
  });
});
