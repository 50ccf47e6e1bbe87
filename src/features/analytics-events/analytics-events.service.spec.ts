import type { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryAnalyticsEventRepository } from './adapters/in-memory-analytics-event.repository';
import { MAX_SUMMARIZED_EVENTS } from './analytics-event.types';
import { AnalyticsRangeTooLargeError } from './analytics-events.errors';
import { AnalyticsEventsService } from './analytics-events.service';

describe('AnalyticsEventsService', () => {
  const context = {
    scope: Scope.of('t_unit', 'test', 'p_web'),
    principal: { subject: 'u_unit' },
  } as unknown as RequestContext;

  it(`refuses to summarise a range of more than ${MAX_SUMMARIZED_EVENTS} events rather than answer a partial count`, async () => {
    const service = new AnalyticsEventsService(new InMemoryAnalyticsEventRepository(), context);
    for (let i = 0; i < MAX_SUMMARIZED_EVENTS; i += 1)
      await service.record('pageview', { surface: 'web', url: 'https://a.example/' });
    await expect(service.summary('type', {})).resolves.toMatchObject({
      events: MAX_SUMMARIZED_EVENTS,
      groups: [{ key: 'pageview', count: MAX_SUMMARIZED_EVENTS }],
    });
    await service.record('pageview', { surface: 'web', url: 'https://a.example/' });
    await expect(service.summary('type', {})).rejects.toBeInstanceOf(AnalyticsRangeTooLargeError);
    await expect(
      service.summary('type', { since: '2000-01-01T00:00:00Z', until: '2000-01-02T00:00:00Z' }),
    ).resolves.toMatchObject({ events: 0 });
  });

  it('refuses a range whose since is not before until', async () => {
    const service = new AnalyticsEventsService(new InMemoryAnalyticsEventRepository(), context);
    const at = '2024-05-01T00:00:00Z';
    await expect(
      service.list({ since: at, until: '2024-05-01T02:00:00+02:00' }, {}),
    ).rejects.toMatchObject({ code: 'validation.failed' });
  });
});
