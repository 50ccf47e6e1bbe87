import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { ScopeData } from '../../common/scope-data/scope-data';
import { Scope } from '../../common/scope/scope';
import { appConfig } from '../../config/app.config';
import { backendsConfig } from '../../config/backends.config';
import { registryConfig } from '../../config/registry.config';
import { AdapterCache } from '../adapter-cache';
import { RoutingAdminService } from '../admin/routing-admin.service';
import { KindCatalog } from '../kind-catalog';
import { canonicalConfig, routeKeyId, type Route, type RouteKey } from '../route.types';
import { RoutingRegistry } from '../routing-registry';
import { RegistryStore } from '../store/registry-store';
import { addScopesSincePlan, copyScopes, verifyScopes } from './move-phases';
import { holdEndpoints, routeFor, type MoveEndpoints } from './move-endpoints';
import { MoveAbortRequested, MoveHandle } from './move-handle';
import { MoveMetrics } from './move-metrics';
import { moveKey, parseMoveScope, type MoveRecord, type MoveState } from './move.types';
import { MoveLeaseLostError } from './moves.errors';

/** A step of a move, for {@link MoveRunner.onPhase}. */
export type MovePhase = 'frozen' | 'copied' | 'verified' | 'switched';

/** How long the runner waits for its own instance to show a freeze it wrote. */
const OWN_FREEZE_WAIT_MS = 5000;
/** Lease time a switch must have left, so it cannot commit on a lease about to lapse. */
const SWITCH_LEASE_MARGIN_MS = 1000;

const now = (): string => new Date().toISOString();

/**
 * Runs moves this instance holds the lease of: freeze, copy, verify, switch, unfreeze (see
 * docs/moves.md). Every step is saved in the registry store, so any instance can show the
 * move and, if this one dies, resume it from the start of the copy once the lease lapses
 * (imports are idempotent and the source is frozen again first).
 */
@Injectable()
export class MoveRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('MoveRunner');
  private readonly running = new Map<string, { handle: MoveHandle; done: Promise<MoveRecord> }>();
  /** Called after each step; tests use it to act between copy and verify. */
  onPhase: ((move: MoveRecord, phase: MovePhase) => Promise<void>) | null = null;

  constructor(
    private readonly store: RegistryStore,
    private readonly registry: RoutingRegistry,
    private readonly cache: AdapterCache,
    private readonly catalog: KindCatalog,
    private readonly admin: RoutingAdminService,
    private readonly metrics: MoveMetrics,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(registryConfig.KEY) private readonly settings: ConfigType<typeof registryConfig>,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {}

  /** This instance's name as a lease owner. */
  get owner(): string {
    return this.app.instanceId;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Runs (or resumes) a move whose lease this instance holds; resolves with its last state. */
  start(move: MoveRecord): Promise<MoveRecord> {
    const known = this.running.get(move.id);
    if (known !== undefined) return known.done;
    const handle = new MoveHandle(this.store, move, this.owner, this.settings.moveLeaseMs);
    const done = this.run(handle).finally(() => this.running.delete(move.id));
    this.running.set(move.id, { handle, done });
    return done;
  }

  /** Stops renewing leases: another instance resumes the moves once they lapse. */
  async onApplicationShutdown(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.handle.stop(true);
    await Promise.all(runs.map((r) => r.done.catch(() => undefined)));
  }

  private async run(handle: MoveHandle): Promise<MoveRecord> {
    const move = handle.current;
    const key = moveKey(move);
    let endpoints: MoveEndpoints | null = null;
    let switched = false;
    let frozenAt: number | null = null;
    handle.keepAlive();
    try {
      if (await this.alreadySwitched(move)) return await this.finish(handle, frozenAt);
      endpoints = holdEndpoints(
        this.cache,
        this.catalog,
        key,
        routeFor(key, move.source),
        routeFor(key, move.target),
      );
      frozenAt = Date.now();
      await this.step(handle, 'frozen', (m) => ({
        frozen: true,
        started_at: m.started_at ?? now(),
        frozen_at: now(),
        error: null,
      }));
      await this.settle(handle.current);
      await this.phase(handle, 'frozen');
      await addScopesSincePlan(handle, endpoints, this.store);
      await this.step(handle, 'copying', () => ({}));
      const digests = await copyScopes(
        handle,
        endpoints,
        this.backends.timeoutMs * 4,
        this.metrics,
      );
      await this.phase(handle, 'copied');
      await this.step(handle, 'verifying', () => ({}));
      await verifyScopes(handle, endpoints, digests);
      await this.phase(handle, 'verified');
      const registryVersion = await this.switchRoute(handle);
      switched = true;
      await this.step(handle, 'switched', () => ({
        switched_at: now(),
        registry_version: registryVersion,
      }));
      await this.phase(handle, 'switched');
      return await this.finish(handle, frozenAt);
    } catch (err) {
      // Another instance holds the move now (or will, once the lease lapses): it goes on.
      if (err instanceof MoveLeaseLostError) {
        this.logger.warn({ move_id: move.id, err: err.message }, 'Move handed over');
        return handle.current;
      }
      // After the switch the route is the target's: nothing to undo; a later resume ends it.
      if (switched) throw err;
      return await this.end(handle, endpoints, err as Error, frozenAt);
    } finally {
      handle.stop();
      endpoints?.release();
    }
  }

  private async step(
    handle: MoveHandle,
    state: MoveState,
    change: (m: MoveRecord) => Partial<MoveRecord>,
  ): Promise<void> {
    await handle.update((m) => ({ ...change(m), state }));
    this.metrics.reached(state);
  }

  private async phase(handle: MoveHandle, phase: MovePhase): Promise<void> {
    await this.onPhase?.(handle.current, phase);
  }

  /** The switch was written before this run (a resume after a crash): only the end is left. */
  private async alreadySwitched(move: MoveRecord): Promise<boolean> {
    if (move.state !== 'verifying' && move.state !== 'switched') return false;
    const route = await this.storedRoute(moveKey(move));
    return (
      route !== undefined &&
      route.backend_type === move.target.backend_type &&
      canonicalConfig(route.config) === canonicalConfig(move.target.config)
    );
  }

  private async storedRoute(key: RouteKey): Promise<Route | undefined> {
    const id = routeKeyId(key);
    return (await this.store.load()).routes.find((r) => routeKeyId(r) === id);
  }

  /** Waits until this instance serves the freeze, then `MOVE_SETTLE_MS` for the others. */
  private async settle(move: MoveRecord): Promise<void> {
    if (this.registry.running && move.env === this.registry.snapshot.env) {
      const scope = Scope.of(move.tenant_id, move.env, move.project_id);
      const until = Date.now() + OWN_FREEZE_WAIT_MS;
      while (
        this.registry.snapshot.frozenFor(move.resource_kind, scope) === null &&
        Date.now() < until
      )
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, this.settings.moveSettleMs));
  }

  /** The route write, made only while this runner's lease holds; its registry version. */
  private async switchRoute(handle: MoveHandle): Promise<number | null> {
    const move = handle.current;
    const key = moveKey(move);
    const stored = await this.storedRoute(key);
    await this.admin.put(
      {
        ...key,
        backend_type: move.target.backend_type,
        config: move.target.config,
        required: stored?.required ?? false,
        rationale: stored?.rationale || move.reason,
      },
      {
        actor: move.actor,
        reason: `move ${move.id}: ${move.reason}`,
        probe: true,
        moveLease: { moveId: move.id, owner: this.owner, minRemainingMs: SWITCH_LEASE_MARGIN_MS },
      },
    );
    const page = await this.store.history({ key, limit: 1 });
    return page.items[0]?.registry_version ?? null;
  }

  private async finish(handle: MoveHandle, frozenAt: number | null): Promise<MoveRecord> {
    const done = await handle.update(() => ({ state: 'done', frozen: false, finished_at: now() }), {
      final: true,
    });
    this.metrics.reached('done');
    this.countFreeze(done, frozenAt);
    this.logger.log({ move_id: done.id, records: done.records_copied }, 'Move done');
    return done;
  }

  /** Failed or aborted: unfreeze with the route unchanged, and remove the partial copy. */
  private async end(
    handle: MoveHandle,
    endpoints: MoveEndpoints | null,
    err: Error,
    frozenAt: number | null,
  ): Promise<MoveRecord> {
    const aborted = err instanceof MoveAbortRequested;
    const removed =
      endpoints === null ? false : await this.discardCopy(handle.current, endpoints.target);
    const state: MoveState = aborted ? 'aborted' : 'failed';
    const error =
      `${err.message}. The route is unchanged and the source keeps every record` +
      (removed ? '; the partial copy on the target was removed.' : '.');
    const ended = await handle
      .update(() => ({ state, frozen: false, finished_at: now(), error }), { final: true })
      .catch(() => handle.current);
    this.metrics.reached(state);
    this.countFreeze(ended, frozenAt);
    this.logger.warn({ move_id: ended.id, err: error }, `Move ${state}`);
    return ended;
  }

  /** Deletes what the move wrote to the target (it was empty when the move was planned). */
  private async discardCopy(move: MoveRecord, target: ScopeData): Promise<boolean> {
    if (move.state === 'planned') return false;
    try {
      for (const s of move.scopes) await target.deleteScope(parseMoveScope(s.scope));
      return true;
    } catch {
      return false;
    }
  }

  private countFreeze(move: MoveRecord, frozenAt: number | null): void {
    if (frozenAt === null) return;
    this.metrics.freezeSeconds.inc(
      { resource_kind: move.resource_kind },
      (Date.now() - frozenAt) / 1000,
    );
  }
}
