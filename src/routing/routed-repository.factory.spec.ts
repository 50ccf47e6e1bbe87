import { noScopeData } from '../../test/utils/no-scope-data';
import { startRoutingCore, type RoutingCore } from '../../test/utils/routing-core';
import { DomainError } from '../common/errors/domain.error';
import { STATUS_BY_CATEGORY } from '../common/errors/http-status';
import { Scope } from '../common/scope/scope';
import type { AdapterBuilders } from './adapter-builders';
import { provideRoutedRepository } from './provide-routed-repository';

/** A small port: each adapter answers with its own name, so a test sees which one served. */
abstract class NotesPort {
  abstract read(scope: Scope, id: string): Promise<string>;
  /** Answers after `ms`. */
  abstract wait(scope: Scope, ms: number): Promise<string>;
  /** Same as {@link wait}, declared untimed. */
  abstract stream(scope: Scope, ms: number): Promise<string>;
  abstract fail(scope: Scope, err: Error): Promise<never>;
  abstract failNow(scope: Scope, err: Error): never;
}

class FakeNotes extends NotesPort {
  constructor(readonly name: string) {
    super();
  }
  read(_scope: Scope, id: string): Promise<string> {
    return Promise.resolve(`${this.name}:${id}`);
  }
  wait(_scope: Scope, ms: number): Promise<string> {
    return new Promise((resolve) => setTimeout(() => resolve(this.name), ms));
  }
  stream(scope: Scope, ms: number): Promise<string> {
    return this.wait(scope, ms);
  }
  fail(_scope: Scope, err: Error): Promise<never> {
    return Promise.reject(err);
  }
  failNow(_scope: Scope, err: Error): never {
    throw err;
  }
}

const BUILDERS: AdapterBuilders<NotesPort> = {
  memory: () => Object.assign(new FakeNotes('memory'), noScopeData()),
  firestore: (_db, config) =>
    Object.assign(new FakeNotes(`firestore/${String(config.collection_prefix)}`), noScopeData()),
};

const ACME_WEB = Scope.of('t_acme', 'test', 'p_web');
const BETA = Scope.of('t_beta', 'test');
const CALLER = { sub: 'u_test', role: 'member' as const, scope: ACME_WEB };

/** A Firestore (gRPC) error as the client throws it. */
function grpcError(code: number, message: string): Error {
  return Object.assign(new Error(`${code} ${message}`), { code });
}

function firestoreRoute(prefix: string, scope: Partial<{ tenant_id: string; project_id: string }>) {
  return {
    resource_kind: 'notes',
    backend_type: 'firestore' as const,
    config: { project_id: 'p-unit', collection_prefix: prefix },
    ...scope,
  };
}

describe('RoutedRepositoryFactory', () => {
  let core: RoutingCore;
  let notes: NotesPort;

  beforeEach(async () => {
    core = await startRoutingCore({
      BACKEND_TIMEOUT_MS: '100',
      ROUTING_DRAIN_MS: '0',
      BACKEND_CIRCUIT_FAILURES: '1000',
    });
    notes = core.factory.create(NotesPort, 'notes', BUILDERS, { untimed: ['stream'] });
    await core.put({ resource_kind: 'notes', backend_type: 'memory' });
  });
  afterEach(() => core.close());

  it('forwards each call to the adapter of the route its scope resolves to', async () => {
    await core.put(firestoreRoute('acme', { tenant_id: 't_acme', project_id: 'p_web' }));
    await expect(notes.read(ACME_WEB, 'n1')).resolves.toBe('firestore/acme:n1');
    await expect(notes.read(BETA, 'n1')).resolves.toBe('memory:n1');
  });

  it('pins a request to the adapter it first used, even when the route switches mid-request', async () => {
    const seen = await core.request.as(CALLER, async () => {
      const before = await notes.read(ACME_WEB, 'n1');
      await core.put(firestoreRoute('switched', {}));
      return [before, await notes.read(ACME_WEB, 'n2')];
    });
    expect(seen).toEqual(['memory:n1', 'memory:n2']);
    // The next request resolves again and sees the new route.
    await expect(core.request.as(CALLER, () => notes.read(ACME_WEB, 'n3'))).resolves.toBe(
      'firestore/switched:n3',
    );
  });

  it('answers 503 routing.no_route naming every scope tried when a kind does not resolve', async () => {
    await core.remove({ resource_kind: 'notes' });
    const call = (): unknown => notes.read(ACME_WEB, 'n1');
    expect(call).toThrow(DomainError);
    let error: DomainError | undefined;
    try {
      call();
    } catch (err) {
      error = err as DomainError;
    }
    expect(error?.code).toBe('routing.no_route');
    expect(STATUS_BY_CATEGORY[error?.category ?? 'internal']).toBe(503);
    expect(error?.message).toContain(
      'No route for notes @ t_acme/test/p_web (tried t_acme/test/p_web, t_acme/test/*, t_system/test/*)',
    );
    expect(error?.details).toEqual({
      resource_kind: 'notes',
      scope: 't_acme/test/p_web',
      tried: ['t_acme/test/p_web', 't_acme/test/*', 't_system/test/*'],
    });
  });

  describe('error translation', () => {
    beforeEach(() =>
      core.put(firestoreRoute('acme', { tenant_id: 't_acme', project_id: 'p_web' })),
    );

    it('turns a vendor outage into 503 routing.backend_unavailable naming kind and scope', async () => {
      const outage = grpcError(14, 'UNAVAILABLE: No connection established');
      const rejected = await notes.fail(ACME_WEB, outage).catch((e: unknown) => e);
      expect(rejected).toMatchObject({
        code: 'routing.backend_unavailable',
        details: {
          resource_kind: 'notes',
          scope: 't_acme/test/p_web',
          backend_type: 'firestore',
          failure: 'refused',
          retry_safe: true,
        },
      });
      expect(STATUS_BY_CATEGORY[(rejected as DomainError).category]).toBe(503);
      // A synchronous throw is translated the same way.
      expect(() => notes.failNow(ACME_WEB, outage)).toThrow(/firestore backend of notes @ t_acme/);
    });

    it.each([
      [6, 'notes.already_exists', 409],
      [10, 'notes.write_conflict', 409],
      [5, 'notes.not_found', 404],
    ])('turns a refusal (gRPC %i) into %s (%i)', async (code, expected, status) => {
      const rejected = await notes
        .fail(ACME_WEB, grpcError(code, 'refused'))
        .catch((e: unknown) => e);
      expect((rejected as DomainError).code).toBe(expected);
      expect(STATUS_BY_CATEGORY[(rejected as DomainError).category]).toBe(status);
    });

    it('passes domain errors and errors that are no backend failure through unchanged', async () => {
      const domain = new DomainError('notes.locked', 'conflict', 'locked');
      const bug = new TypeError('a bug');
      await expect(notes.fail(ACME_WEB, domain)).rejects.toBe(domain);
      await expect(notes.fail(ACME_WEB, bug)).rejects.toBe(bug);
    });
  });

  describe('timeouts', () => {
    beforeEach(() =>
      core.put(firestoreRoute('acme', { tenant_id: 't_acme', project_id: 'p_web' })),
    );

    it('bounds a call by BACKEND_TIMEOUT_MS and keeps its client open until it settles', async () => {
      const track = jest.spyOn(core.clients, 'track');
      const rejected = await notes.wait(ACME_WEB, 300).catch((e: unknown) => e);
      expect(rejected).toMatchObject({
        code: 'routing.backend_unavailable',
        details: { failure: 'timeout' },
      });
      expect(track).toHaveBeenCalledTimes(1);
    });

    it('bounds a call on a memory route too: a timeout is a 503, not a raw backend error', async () => {
      const rejected = await notes.wait(BETA, 300).catch((e: unknown) => e);
      expect(rejected).toMatchObject({
        code: 'routing.backend_unavailable',
        details: { failure: 'timeout', backend_type: 'memory' },
      });
    });

    it('applies no timeout to an untimed method and does not track it', async () => {
      const track = jest.spyOn(core.clients, 'track');
      await expect(notes.stream(ACME_WEB, 300)).resolves.toBe('firestore/acme');
      expect(track).not.toHaveBeenCalled();
    });
  });

  describe('the port contract', () => {
    it('refuses at run time a call whose first argument is not a Scope', () => {
      const untyped = notes.read as unknown as (...args: unknown[]) => unknown;
      expect(() => untyped('t_acme', 'n1')).toThrow(/must receive the record's Scope/);
    });

    it('is not thenable, so Nest and await never mistake the port for a promise', () => {
      expect((notes as unknown as { then?: unknown }).then).toBeUndefined();
    });

    it('is checked at compile time (npm run typecheck fails on each line below)', () => {
      abstract class Unscoped {
        abstract read(id: string): Promise<string>;
      }
      abstract class WithField {
        abstract read(scope: Scope): Promise<string>;
        abstract limit: number;
      }
      // @ts-expect-error a port method must take the record's Scope first
      expect(provideRoutedRepository(Unscoped, 'unscoped', {}).provide).toBe(Unscoped);
      // @ts-expect-error a port has only methods
      expect(provideRoutedRepository(WithField, 'fielded', {}).provide).toBe(WithField);
      // @ts-expect-error `untimed` names only methods of the port
      provideRoutedRepository(NotesPort, 'typo', BUILDERS, { untimed: ['streem'] });
    });
  });
});
