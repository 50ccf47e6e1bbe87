import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { registryConfig } from '../../config/registry.config';
import { RoutingRegistry } from '../routing-registry';
import { RegistryStore } from '../store/registry-store';
import { MoveRunner } from './move-runner';
import { isFinalMoveState, type MoveRecord } from './move.types';
import { MoveChangedError } from './moves.errors';

/** Moves looked at per check (the newest; a deployment runs few moves at a time). */
const SCAN = 100;

/**
 * Finishes moves whose runner is gone. Every serving instance checks, every third of
 * `MOVE_LEASE_MS` (and at start), for moves of its env that have not ended and whose lease
 * lapsed; it takes the lease over (compare-and-set, so one instance wins) and resumes the
 * move: freeze again, copy again from the start (imports are idempotent), verify, switch.
 * A move whose switch was already written is only ended. So no scope stays frozen longer
 * than a lease, and a move never stays half done.
 */
@Injectable()
export class MoveSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MoveSupervisor');
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: RegistryStore,
    private readonly registry: RoutingRegistry,
    private readonly runner: MoveRunner,
    @Inject(registryConfig.KEY) private readonly settings: ConfigType<typeof registryConfig>,
  ) {}

  onApplicationBootstrap(): void {
    // Only serving instances (the registry is running); the CLI runs its own move only.
    if (!this.registry.running) return;
    this.timer = setInterval(
      () => void this.check(),
      Math.max(100, Math.floor(this.settings.moveLeaseMs / 3)),
    );
    this.timer.unref();
    void this.check();
  }

  /** Stops checking, and lets a check in progress end before the store closes. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /** One pass: take over and resume every orphaned move of this env. */
  check(): Promise<void> {
    if (this.checking !== null || this.stopped) return this.checking ?? Promise.resolve();
    // While the store is unreachable a check could only pile up queries that retry inside the
    // client (and a replaced client is closed under them); the heartbeat says when it is back.
    if (this.registry.status().stale) return Promise.resolve();
    this.checking = this.pass().finally(() => (this.checking = null));
    return this.checking;
  }

  private async pass(): Promise<void> {
    try {
      const moves = await this.store.listMoves({ limit: SCAN });
      for (const move of moves.filter((m) => this.orphaned(m))) {
        if (this.stopped) return;
        await this.takeOver(move);
      }
    } catch (err) {
      if (!this.stopped)
        this.logger.warn({ err: (err as Error).message }, 'Could not check for orphaned moves');
    }
  }

  private orphaned(move: MoveRecord): boolean {
    return (
      move.env === this.settings.env &&
      !isFinalMoveState(move.state) &&
      !this.runner.isRunning(move.id) &&
      Date.parse(move.lease_expires_at ?? '') <= Date.now()
    );
  }

  private async takeOver(move: MoveRecord): Promise<void> {
    let taken: MoveRecord;
    try {
      taken = await this.store.updateMove({
        ...move,
        lease_owner: this.runner.owner,
        lease_expires_at: new Date(Date.now() + this.settings.moveLeaseMs).toISOString(),
      });
    } catch (err) {
      if (err instanceof MoveChangedError) return; // another instance took it first
      throw err;
    }
    this.logger.warn(
      { move_id: move.id, state: move.state, previous_owner: move.lease_owner },
      'Resuming a move whose runner stopped renewing its lease',
    );
    void this.runner.start(taken).catch(() => undefined);
  }
}
