import { BackendError } from '../backends/backend.error';
import { STATUS_BY_CATEGORY } from '../common/errors/http-status';
import { BackendRefusedError } from './backend-refused.error';

describe('BackendRefusedError', () => {
  it.each([
    ['already_exists', 'budget.already_exists', 409],
    ['conflict', 'budget.write_conflict', 409],
    ['not_found', 'budget.not_found', 404],
  ] as const)(
    'maps a backend that refused with %s to %s (%i), never a 500',
    (reason, code, status) => {
      const error = new BackendError(reason, 'firestore: refused');
      expect(BackendRefusedError.describes(error)).toBe(true);
      if (!BackendRefusedError.describes(error)) return;
      const mapped = new BackendRefusedError('budget', 't_acme/test/p_web', error);
      expect(mapped.code).toBe(code);
      expect(STATUS_BY_CATEGORY[mapped.category]).toBe(status);
      expect(mapped.message).toMatch(/budget @ t_acme\/test\/p_web/);
    },
  );

  it('does not describe outages (they are 503 routing.backend_unavailable)', () => {
    expect(BackendRefusedError.describes(new BackendError('timeout', 'slow'))).toBe(false);
    expect(BackendRefusedError.describes(new BackendError('unavailable', 'down'))).toBe(false);
  });
});
