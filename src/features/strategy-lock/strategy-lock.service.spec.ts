import { ValidationFailedError } from '../../common/errors/domain.error';
import { Scope } from '../../common/scope/scope';
import { testRequestContext } from '../../../test/utils/request-context';
import { InMemoryStrategyLockRepository } from './adapters/in-memory-strategy-lock.repository';
import {
  StrategyLockInvalidTransitionError,
  StrategyLockNotEditableError,
  StrategyLockRequiredError,
  StrategyLockSelfApprovalError,
  StrategyLockVersionConflictError,
} from './strategy-lock.errors';
import type { NewStrategyLock } from './strategy-lock.types';
import { StrategyLockService } from './strategy-lock.service';

const HOUR = 3_600_000;
const inHours = (h: number): string => new Date(Date.now() + h * HOUR).toISOString();

describe('StrategyLockService', () => {
  const { context, as } = testRequestContext();
  let repo: InMemoryStrategyLockRepository;
  let service: StrategyLockService;
  const alice = { sub: 'u_alice', role: 'admin' } as const;
  const bob = { sub: 'u_bob', role: 'admin' } as const;
  const mallory = { sub: 'u_mallory', role: 'member' } as const;
  const input = (over: Partial<NewStrategyLock> = {}): NewStrategyLock => ({
    scope: 'campaign',
    title: 'Publish spring pages',
    allowed_actions: ['builder:publish_page'],
    valid_until: inHours(1),
    ...over,
  });
  const approved = async (over: Partial<NewStrategyLock> = {}) => {
    const draft = await as(alice, () => service.create(input(over)));
    return as(bob, () => service.approve(draft.id));
  };

  beforeEach(() => {
    repo = new InMemoryStrategyLockRepository();
    service = new StrategyLockService(repo, context);
  });
  afterEach(() => jest.useRealTimers());

  it('creates a draft stamped with its creator, valid from now unless told otherwise', async () => {
    const before = new Date().toISOString();
    const lock = await as(alice, () => service.create(input({ allowed_actions: ['a:b', 'a:b'] })));
    expect(lock).toMatchObject({
      status: 'draft',
      created_by: 'u_alice',
      approved_by: null,
      version: 1,
      surface: null,
      allowed_actions: ['a:b'],
    });
    expect(lock.valid_from >= before).toBe(true);
  });

  it('refuses a window that ends before it starts or has already ended', async () => {
    await expect(
      as(alice, () => service.create(input({ valid_from: inHours(2), valid_until: inHours(1) }))),
    ).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(
      as(alice, () => service.create(input({ valid_from: inHours(-2), valid_until: inHours(-1) }))),
    ).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('enforces four eyes: the creator cannot approve, another admin can', async () => {
    const draft = await as(alice, () => service.create(input()));
    await expect(as(alice, () => service.approve(draft.id))).rejects.toBeInstanceOf(
      StrategyLockSelfApprovalError,
    );
    const lock = await as(bob, () => service.approve(draft.id));
    expect(lock).toMatchObject({ status: 'approved', approved_by: 'u_bob', version: 2 });
  });

  it('approves and rejects only drafts', async () => {
    const lock = await approved();
    await expect(as(bob, () => service.reject(lock.id))).rejects.toBeInstanceOf(
      StrategyLockInvalidTransitionError,
    );
    const draft = await as(alice, () => service.create(input()));
    expect(await as(alice, () => service.reject(draft.id))).toMatchObject({
      status: 'rejected',
      rejected_by: 'u_alice',
    });
    await expect(as(bob, () => service.approve(draft.id))).rejects.toBeInstanceOf(
      StrategyLockInvalidTransitionError,
    );
  });

  it('lets the creator or an admin change a draft, honouring If-Match, and nobody change a decided lock', async () => {
    const draft = await as({ sub: 'u_carol', role: 'member' }, () =>
      service.create(input({ surface: 'web' })),
    );
    await expect(
      as(mallory, () => service.update(draft.id, { title: 'mine now' })),
    ).rejects.toMatchObject({ code: 'auth.insufficient_role' });
    const changed = await as({ sub: 'u_carol', role: 'member' }, () =>
      service.update(draft.id, { title: 'Renamed', surface: null }, 1),
    );
    expect(changed).toMatchObject({ title: 'Renamed', surface: null, version: 2 });
    await expect(
      as(alice, () => service.update(draft.id, { title: 'stale' }, 1)),
    ).rejects.toBeInstanceOf(StrategyLockVersionConflictError);
    await as(bob, () => service.approve(draft.id));
    await expect(
      as(alice, () => service.update(draft.id, { title: 'too late' })),
    ).rejects.toBeInstanceOf(StrategyLockNotEditableError);
  });

  it('computes expired once valid_until has passed, without storing it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const lock = await approved();
    const draft = await as(alice, () => service.create(input()));
    jest.setSystemTime(Date.now() + 2 * HOUR);
    expect((await as(bob, () => service.get(lock.id))).status).toBe('expired');
    expect((await repo.get(Scope.of('t_unit', 'test', 'p_web'), lock.id))?.status).toBe('approved');
    await expect(as(bob, () => service.approve(draft.id))).rejects.toMatchObject({
      code: 'strategy_lock.invalid_transition',
      details: { status: 'expired' },
    });
    expect(await as(bob, () => service.check('builder:publish_page', 'web'))).toMatchObject({
      allowed: false,
      lock_id: null,
    });
  });

  it('filters lists by computed status across pages', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const live: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const lock = await as(alice, () =>
        service.create(input({ valid_until: inHours(i % 2 === 0 ? 3 : 1) })),
      );
      if (i % 2 === 0) live.unshift(lock.id);
    }
    jest.setSystemTime(Date.now() + 2 * HOUR);
    const first = await as(alice, () => service.list({ status: 'draft', limit: 2 }));
    expect(first.items.map((l) => l.id)).toEqual(live.slice(0, 2));
    const second = await as(alice, () =>
      service.list({ status: 'draft', limit: 2, cursor: first.next_cursor ?? undefined }),
    );
    expect(second.items.map((l) => l.id)).toEqual(live.slice(2));
    expect(second.next_cursor).toBeNull();
    expect((await as(alice, () => service.list({ status: 'expired' }))).items).toHaveLength(3);
  });

  it('checks action, "*", surface and validity window', async () => {
    const check = (action: string, surface?: string) =>
      as(alice, () => service.check(action, surface));
    expect(await check('builder:publish_page', 'web')).toMatchObject({
      allowed: false,
      lock_id: null,
    });
    const webOnly = await approved({ surface: 'web' });
    expect(await check('builder:publish_page', 'web')).toMatchObject({
      allowed: true,
      lock_id: webOnly.id,
    });
    expect((await check('builder:publish_page', 'app')).allowed).toBe(false);
    expect((await check('builder:publish_page')).allowed).toBe(false);
    const everywhere = await approved({ allowed_actions: ['*'] });
    expect(await check('budget:spend', 'app')).toMatchObject({
      allowed: true,
      lock_id: everywhere.id,
    });
    expect(await check('builder:publish_page', 'web')).toMatchObject({
      allowed: true,
      lock_id: webOnly.id,
    });
    await approved({
      surface: 'later',
      valid_from: inHours(1),
      valid_until: inHours(2),
      allowed_actions: ['x:y'],
    });
    expect((await check('x:y', 'later')).lock_id).toBe(everywhere.id);
  });

  it('require() throws 409 strategy_lock.required when no lock allows the action', async () => {
    const refusal = as(alice, () => service.require('builder:publish_page', 'web'));
    await expect(refusal).rejects.toBeInstanceOf(StrategyLockRequiredError);
    await expect(refusal).rejects.toMatchObject({
      code: 'strategy_lock.required',
      category: 'conflict',
      details: { action: 'builder:publish_page', surface: 'web' },
    });
    const lock = await approved({ surface: 'web' });
    expect(await as(alice, () => service.require('builder:publish_page', 'web'))).toMatchObject({
      allowed: true,
      lock_id: lock.id,
    });
  });
});
