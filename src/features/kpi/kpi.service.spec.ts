import type { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryKpiRepository } from './adapters/in-memory-kpi.repository';
import { KpiDefinitionNotFoundError } from './kpi.errors';
import { KpiService } from './kpi.service';
import { corridorState } from './kpi.types';

describe('KpiService', () => {
  const context = {
    scope: Scope.of('t_unit', 'test', 'p_web'),
    principal: { subject: 'u_unit' },
  } as unknown as RequestContext;
  let service: KpiService;

  beforeEach(async () => {
    service = new KpiService(new InMemoryKpiRepository(), context);
    await service.define({ surface: 'web', name: 'ctr' });
  });

  it('treats values on a bound as ok and only strictly outside as below or above', () => {
    const corridor = { surface: 'web', kpi_name: 'ctr', floor: 1, ceiling: 2 };
    expect([0.99, 1, 2, 2.01].map((v) => corridorState(corridor, v))).toEqual([
      'below_floor',
      'ok',
      'ok',
      'above_ceiling',
    ]);
    expect(corridorState({ ...corridor, floor: null }, -1e9)).toBe('ok');
    expect(corridorState(corridor, null)).toBe('no_data');
  });

  it('stores timestamps given with an offset as UTC and defaults a missing one to now', async () => {
    const given = await service.record({
      surface: 'web',
      kpi_name: 'ctr',
      value: 1,
      timestamp: '2024-05-01T02:00:00+02:00',
    });
    expect(given.timestamp).toBe('2024-05-01T00:00:00.000Z');
    const now = await service.record({ surface: 'web', kpi_name: 'ctr', value: 2 });
    expect(now.timestamp).toBe(now.created_at);
    expect(now.created_by).toBe('u_unit');
  });

  it('uses the newest measurement by timestamp for status, even when it arrived first', async () => {
    await service.putCorridor({ surface: 'web', kpi_name: 'ctr', floor: 10, ceiling: null });
    await service.record({
      surface: 'web',
      kpi_name: 'ctr',
      value: 50,
      timestamp: '2024-05-02T00:00:00Z',
    });
    await service.record({
      surface: 'web',
      kpi_name: 'ctr',
      value: 1,
      timestamp: '2024-05-01T00:00:00Z',
    });
    const page = await service.status('web', {});
    expect(page.items).toEqual([expect.objectContaining({ latest_value: 50, status: 'ok' })]);
  });

  it('refuses corridors and measurements for a KPI not defined on that surface', async () => {
    await expect(
      service.putCorridor({ surface: 'app', kpi_name: 'ctr', floor: 1, ceiling: null }),
    ).rejects.toBeInstanceOf(KpiDefinitionNotFoundError);
    await expect(
      service.record({ surface: 'web', kpi_name: 'bounce', value: 1 }),
    ).rejects.toBeInstanceOf(KpiDefinitionNotFoundError);
  });
});
