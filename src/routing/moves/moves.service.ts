import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { newSortableId } from '../../common/ids/sortable-id';
import { registryConfig } from '../../config/registry.config';
import { adapterKey } from '../adapter-cache';
import { RegistrySnapshot } from '../registry-snapshot';
import { RegistryStore } from '../store/registry-store';
import { MovePlanner, moveKeyOf, type MovePlan, type MoveRequest } from './move-planner';
import { MoveRunner } from './move-runner';
import { isFinalMoveState, moveKey, parseMoveScope, type MoveRecord } from './move.types';
import {
  MoveChangedError,
  MoveNotFoundError,
  MoveRefusedError,
  MoveStateError,
} from './moves.errors';

export type { MovePlan, MoveRequest } from './move-planner';

/**
 * Plans, starts and reports moves (the admin API and the CLI); the checks before a move are
 * {@link MovePlanner}'s, the move itself runs in {@link MoveRunner}.
 */
@Injectable()
export class MovesService {
  constructor(
    private readonly store: RegistryStore,
    private readonly planner: MovePlanner,
    private readonly runner: MoveRunner,
    @Inject(registryConfig.KEY) private readonly settings: ConfigType<typeof registryConfig>,
  ) {}
  /** Checks a move and counts what it would copy; nothing is written or frozen. */
  plan(request: MoveRequest): Promise<MovePlan> {
    return this.planner.plan(request, true);
  }

  /** Checks a move, stores it and starts it on this instance (it runs in the background). */
  async start(request: MoveRequest): Promise<MoveRecord> {
    const plan = await this.planner.plan(request, false);
    const move: MoveRecord = {
      id: `mv_${newSortableId()}`,
      ...moveKeyOf(request),
      target: plan.target,
      source: plan.source,
      reason: request.reason,
      actor: request.actor,
      state: 'planned',
      scopes: plan.scopes.map((s) => ({ ...s, copied: 0, verified: 0 })),
      records_copied: 0,
      bytes_copied: 0,
      created_at: new Date().toISOString(),
      started_at: null,
      frozen_at: null,
      switched_at: null,
      finished_at: null,
      error: null,
      abort_requested: false,
      frozen: false,
      lease_owner: this.runner.owner,
      lease_expires_at: new Date(Date.now() + this.settings.moveLeaseMs).toISOString(),
      registry_version: null,
      source_deleted_at: null,
      revision: 1,
    };
    await this.store.createMove(move);
    void this.runner.start(move).catch(() => undefined);
    return move;
  }

  async get(id: string): Promise<MoveRecord> {
    const move = await this.store.getMove(id);
    if (move === null) throw new MoveNotFoundError(id);
    return move;
  }

  list(filter: { before?: string; limit: number }): Promise<MoveRecord[]> {
    return this.store.listMoves(filter);
  }

  /**
   * Asks the runner to stop: it unfreezes with the route unchanged and removes its partial
   * copy. A move whose runner is gone (lease lapsed) is ended here.
   */
  async abort(id: string, actor: string): Promise<MoveRecord> {
    for (;;) {
      const move = await this.get(id);
      if (isFinalMoveState(move.state) || move.state === 'switched')
        throw new MoveStateError(
          id,
          move.state,
          'only a move that has not switched yet can be aborted.',
        );
      const orphaned = Date.parse(move.lease_expires_at ?? '') <= Date.now();
      const change: Partial<MoveRecord> = orphaned
        ? {
            state: 'aborted',
            frozen: false,
            finished_at: new Date().toISOString(),
            error: `aborted by ${actor}; the route is unchanged`,
          }
        : { abort_requested: true };
      try {
        await this.store.updateMove({ ...move, ...change });
        return await this.waitForEnd(id);
      } catch (err) {
        if (!(err instanceof MoveChangedError)) throw err;
      }
    }
  }

  /**
   * Deletes the source copy of a finished move, once no route serves any of its scopes from
   * the source backend any more (a rollback would have pointed them back at it).
   */
  async deleteSource(id: string): Promise<MoveRecord> {
    const move = await this.get(id);
    if (move.state !== 'done')
      throw new MoveStateError(
        id,
        move.state,
        'the source can be deleted only after the move is done.',
      );
    if (move.source_deleted_at !== null) return move;
    const key = moveKey(move);
    const snapshot = new RegistrySnapshot(
      move.env,
      0,
      (await this.store.load()).routes.filter((r) => r.env === move.env),
      new Date(),
    );
    const sourceKey = adapterKey(move.resource_kind, move.source.backend_type, move.source.config);
    for (const s of move.scopes) {
      const served = snapshot.resolve(move.resource_kind, parseMoveScope(s.scope)).route;
      if (
        served !== null &&
        adapterKey(served.resource_kind, served.backend_type, served.config) === sourceKey
      )
        throw new MoveRefusedError(
          key,
          `the route for ${s.scope} points at the source backend again; delete its data only when no route uses it.`,
          { move_id: id },
        );
    }
    const endpoints = this.planner.hold(key, move.source, move.target);
    try {
      for (const s of move.scopes) await endpoints.source.deleteScope(parseMoveScope(s.scope));
    } finally {
      endpoints.release();
    }
    const updated = await this.store.updateMove({
      ...move,
      source_deleted_at: new Date().toISOString(),
    });
    return updated;
  }

  private async waitForEnd(id: string, ms = 10_000): Promise<MoveRecord> {
    const until = Date.now() + ms;
    for (;;) {
      const move = await this.get(id);
      if (isFinalMoveState(move.state) || Date.now() > until) return move;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
