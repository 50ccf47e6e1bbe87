import { BackendError } from '../backends/backend.error';
import { BackendUnavailableError, backendFailureOf } from './routing.errors';

describe('BackendUnavailableError', () => {
  const outage = (failure: 'refused' | 'timeout' | 'unavailable') =>
    new BackendUnavailableError('kpi', 't_acme/test/p_web', 'firestore', 'down', failure);

  it('tells a reader that retrying is safe', () => {
    const err = outage('timeout');
    expect(err.message).toMatch(/Nothing was changed; retrying is safe/);
    expect(err.details).toMatchObject({ retry_safe: true, failure: 'timeout' });
  });

  it('tells a writer after a timeout that the write may have been applied and to reuse the key', () => {
    const err = outage('timeout').forWrite();
    expect(err.message).toMatch(
      /may or may not have been applied; retry with the same Idempotency-Key to be safe/,
    );
    expect(err.details).toMatchObject({ retry_safe: false, failure: 'timeout' });
    expect(err.code).toBe('routing.backend_unavailable');
  });

  it('tells a writer whose connection was refused that nothing was applied', () => {
    const err = outage('refused').forWrite();
    expect(err.message).toMatch(/not sent, so nothing was applied; retrying is safe/);
    expect(err.details).toMatchObject({ retry_safe: true, failure: 'refused' });
  });

  it('classifies timeouts, refused connections and other outages', () => {
    expect(backendFailureOf(new BackendError('timeout', 'slow'))).toBe('timeout');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(backendFailureOf(new BackendError('unavailable', 'redis', refused))).toBe('refused');
    expect(backendFailureOf(new BackendError('unavailable', 'Connection is closed.'))).toBe(
      'unavailable',
    );
  });
});
