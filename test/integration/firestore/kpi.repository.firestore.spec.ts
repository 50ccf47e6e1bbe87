import { newSortableId } from '../../../src/common/ids/sortable-id';
import { Scope } from '../../../src/common/scope/scope';
import { FirestoreKpiRepository } from '../../../src/features/kpi/adapters/firestore-kpi.repository';
import { InMemoryKpiRepository } from '../../../src/features/kpi/adapters/in-memory-kpi.repository';
import { kpiRepositoryContract } from '../../contract/kpi.repository.contract';
import { kpiScopeData } from '../../contract/kpi.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { firestoreHandle } from '../../utils/backend-handles';

const firestore = {
  backend: 'firestore',
  make: () => {
    const fs = firestoreHandle({ collectionPrefix: 'kpi' });
    return Promise.resolve({ repo: new FirestoreKpiRepository(fs), close: fs.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryKpiRepository(), close: () => Promise.resolve() }),
};

// Emulator gap (docs/firestore-emulator.md): transactions are not isolated there, so two
// racing corridor upserts cannot be shown to serialise (both may write version 1). What it
// can show: the deterministic document id keeps them to one row, and create() lets exactly
// one of two concurrent definition claims win.
describe('FirestoreKpiRepository (Firestore emulator)', () => {
  kpiRepositoryContract(firestore.make);
  scopeDataContract(memory, firestore, kpiScopeData);
  scopeDataContract(firestore, memory, kpiScopeData);
});

describe('FirestoreKpiRepository storage layout', () => {
  const fs = firestoreHandle({ collectionPrefix: 'kpi' });
  const repo = new FirestoreKpiRepository(fs);
  afterAll(() => fs.close());

  it('keys definitions and corridors by the escaped (surface, name) pair under the scope path', async () => {
    const scope = Scope.of('t_layout', 'test', 'p_web');
    await repo.createDefinition(scope, {
      id: newSortableId(),
      surface: 'web',
      name: 'a.b',
      description: null,
      unit: null,
      window_seconds: null,
      created_at: new Date().toISOString(),
      created_by: 'u_a',
    });
    await repo.putCorridor(
      scope,
      { surface: 'web', kpi_name: 'a.b', floor: 1, ceiling: null },
      { actor: 'u_a' },
    );
    await repo.putCorridor(
      scope,
      { surface: 'web', kpi_name: 'a.b', floor: 2, ceiling: null },
      { actor: 'u_a' },
    );
    const base = 'kpi_tenants/t_layout/envs/test/projects/p_web';
    const def = await fs.db.doc(`${base}/kpi_definitions/web:a.b`).get();
    expect(def.get('tenant_id')).toBe('t_layout');
    const corridors = await fs.db.collection(`${base}/kpi_corridors`).get();
    expect(corridors.docs.map((d) => [d.id, d.get('floor') as number])).toEqual([['web:a.b', 2]]);
  });
});
