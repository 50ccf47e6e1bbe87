import type { RegistryStore } from '../store/registry-store';
import type { MoveRecord } from './move.types';
import { MoveChangedError, MoveLeaseLostError } from './moves.errors';

/** An abort was requested (`POST /routing/moves/:id/abort`): the runner stops and unfreezes. */
export class MoveAbortRequested extends Error {
  constructor(id: string) {
    super(`move ${id} was aborted on request`);
  }
}

/** Times a change is retried after losing a race with another writer of the move. */
const CHANGE_ATTEMPTS = 5;

/**
 * The running instance's hold on a stored move: every change is a compare-and-set that also
 * renews the lease, made one at a time. A change fails with {@link MoveLeaseLostError} when
 * another instance took the move over, the lease lapsed (writes may have resumed on the
 * source, so this runner must not go on), or this instance is stopping; with
 * {@link MoveAbortRequested} when an abort was asked for. Final changes (the end state) are
 * still made after an abort request or a lapse, as long as nobody else holds the move.
 */
export class MoveHandle {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly store: RegistryStore,
    public current: MoveRecord,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  get id(): string {
    return this.current.id;
  }

  update(
    change: (move: MoveRecord) => Partial<MoveRecord>,
    options: { final?: boolean } = {},
  ): Promise<MoveRecord> {
    const run = (): Promise<MoveRecord> => this.apply(change, options.final === true);
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Renews the lease every third of its length until {@link stop}. */
  keepAlive(): void {
    this.timer = setInterval(
      () => void this.update(() => ({})).catch(() => undefined),
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    this.timer.unref();
  }

  /** Stops renewing. With `abandon`, later non-final changes fail (the instance is stopping). */
  stop(abandon = false): void {
    if (abandon) this.stopping = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async apply(
    change: (move: MoveRecord) => Partial<MoveRecord>,
    final: boolean,
  ): Promise<MoveRecord> {
    for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt += 1) {
      const move = this.current;
      if (move.lease_owner !== this.owner)
        throw new MoveLeaseLostError(move.id, `now held by ${move.lease_owner ?? 'nobody'}`);
      if (!final) {
        if (this.stopping) throw new MoveLeaseLostError(move.id, 'this instance is stopping');
        if (Date.parse(move.lease_expires_at ?? '') <= Date.now())
          throw new MoveLeaseLostError(move.id, 'the lease lapsed before it was renewed');
        if (move.abort_requested) throw new MoveAbortRequested(move.id);
      }
      const next: MoveRecord = {
        ...move,
        ...change(move),
        lease_expires_at: final
          ? move.lease_expires_at
          : new Date(Date.now() + this.leaseMs).toISOString(),
      };
      try {
        this.current = await this.store.updateMove(next);
        return this.current;
      } catch (err) {
        if (!(err instanceof MoveChangedError)) throw err;
        const fresh = await this.store.getMove(move.id);
        if (fresh === null) throw new MoveLeaseLostError(move.id, 'the move was removed');
        this.current = fresh;
      }
    }
    throw new MoveLeaseLostError(this.id, 'the move kept changing under this runner');
  }
}
