import { ValidationFailedError } from '../../common/errors/domain.error';
import type { Principal, Role } from '../../common/request-context/principal';
import { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryFirearmsRepository } from './adapters/in-memory-firearms.repository';
import {
  FirearmsVersionConflictError,
  LicenceAlreadyRevokedError,
  LicenceNotFoundError,
  LicenceSelfGrantError,
} from './firearms.errors';
import { FirearmsService } from './firearms.service';

const T0 = Date.parse('2030-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
const SCOPE = Scope.of('t_acme', 'test', 'p_web');

describe('FirearmsService', () => {
  const context = new RequestContext();
  let service: FirearmsService;

  /** Runs `fn` as `sub` holding `role` in t_acme. */
  const as = <T>(role: Role, fn: () => Promise<T>, sub = 'u_alice'): Promise<T> =>
    context.run(() => {
      const principal: Principal = {
        subject: sub,
        tenants: { t_acme: role },
        projects: {},
        registryAdmin: false,
      };
      context.establish(principal, SCOPE);
      return fn();
    });

  beforeEach(() => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    service = new FirearmsService(new InMemoryFirearmsRepository(), context);
  });
  afterEach(() => jest.useRealTimers());

  const issue = (
    over: Partial<Parameters<FirearmsService['issue']>[0]> = {},
    role: Role = 'admin',
  ) =>
    as(role, () =>
      service.issue({
        subject_type: 'agent',
        subject_id: 'agent_1',
        level: 'medium',
        expires_at: new Date(T0 + HOUR).toISOString(),
        ...over,
      }),
    );

  describe('self-grant rule', () => {
    it('refuses a member issuing a licence to themselves with 403 firearms.self_grant', async () => {
      await expect(
        issue({ subject_type: 'user', subject_id: 'u_alice' }, 'member'),
      ).rejects.toBeInstanceOf(LicenceSelfGrantError);
    });

    it('lets an admin issue a licence to themselves', async () => {
      await expect(
        issue({ subject_type: 'user', subject_id: 'u_alice' }, 'admin'),
      ).resolves.toMatchObject({ subject_id: 'u_alice', issued_by: 'u_alice' });
    });

    it('does not apply to an agent or tool whose id happens to equal the caller sub', async () => {
      await expect(
        issue({ subject_type: 'agent', subject_id: 'u_alice' }, 'member'),
      ).resolves.toMatchObject({ status: 'active' });
    });
  });

  it('stores expires_at as UTC and refuses one in the past or more than 10 years ahead', async () => {
    await expect(issue({ expires_at: '2030-06-01T15:00:00+02:00' })).resolves.toMatchObject({
      expires_at: '2030-06-01T13:00:00.000Z',
    });
    await expect(issue({ expires_at: '2030-06-01T11:59:59Z' })).rejects.toBeInstanceOf(
      ValidationFailedError,
    );
    await expect(issue({ expires_at: '2041-01-01T00:00:00Z' })).rejects.toBeInstanceOf(
      ValidationFailedError,
    );
  });

  it('computes expired from expires_at without storing it', async () => {
    const l = await issue();
    jest.setSystemTime(T0 + 2 * HOUR);
    await expect(as('viewer', () => service.get(l.id))).resolves.toMatchObject({
      status: 'expired',
      version: 1,
    });
  });

  describe('check', () => {
    const check = (action = 'deploy:prod', subject_id = 'agent_1') =>
      as('viewer', () => service.check({ subject_type: 'agent', subject_id }, action));

    it('refuses an action with no configured level, saying so', async () => {
      await issue({ level: 'high' });
      await expect(check('never.configured')).resolves.toEqual({
        allowed: false,
        required_level: null,
        licence_id: null,
        reason: 'action_not_configured',
      });
    });

    it('allows with a licence of the required level or higher, and names it', async () => {
      await as('admin', () => service.putAction('deploy:prod', 'medium'));
      await expect(check()).resolves.toMatchObject({
        allowed: false,
        required_level: 'medium',
        reason: 'no_valid_licence',
      });
      await issue({ level: 'low' });
      await expect(check()).resolves.toMatchObject({ allowed: false });
      const high = await issue({ level: 'high' });
      await expect(check()).resolves.toEqual({
        allowed: true,
        required_level: 'medium',
        licence_id: high.id,
        reason: 'licence_valid',
      });
      await expect(check('deploy:prod', 'agent_2')).resolves.toMatchObject({ allowed: false });
    });

    it('stops allowing once the licence expires or is revoked', async () => {
      await as('admin', () => service.putAction('deploy:prod', 'low'));
      const l = await issue({ level: 'low' });
      await expect(check()).resolves.toMatchObject({ allowed: true, licence_id: l.id });
      jest.setSystemTime(T0 + HOUR);
      await expect(check()).resolves.toMatchObject({ allowed: false, reason: 'no_valid_licence' });
      jest.setSystemTime(T0);
      await as('admin', () => service.revoke(l.id, 'incident'));
      await expect(check()).resolves.toMatchObject({ allowed: false });
    });
  });

  describe('revoke', () => {
    it('records who revoked and why, once', async () => {
      const l = await issue();
      await expect(as('admin', () => service.revoke(l.id, 'rotated', 1))).resolves.toMatchObject({
        status: 'revoked',
        revoked_by: 'u_alice',
        revoke_reason: 'rotated',
        version: 2,
      });
      await expect(as('admin', () => service.revoke(l.id, undefined))).rejects.toBeInstanceOf(
        LicenceAlreadyRevokedError,
      );
    });

    it('refuses a stale If-Match and an unknown id', async () => {
      const l = await issue();
      await expect(as('admin', () => service.revoke(l.id, undefined, 7))).rejects.toBeInstanceOf(
        FirearmsVersionConflictError,
      );
      await expect(
        as('admin', () => service.revoke('01hzzzzzzzzzzzzzzzzzzzzzzz', undefined)),
      ).rejects.toBeInstanceOf(LicenceNotFoundError);
    });
  });
});
