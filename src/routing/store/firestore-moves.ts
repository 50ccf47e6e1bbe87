import type { DocumentData, Firestore, Transaction } from '@google-cloud/firestore';
import { freezeOf, type MoveRecord, type ScopeFreeze } from '../moves/move.types';
import { MoveChangedError } from '../moves/moves.errors';

/** Where moves are kept: one document per move, id = move id (sortable by creation). */
export const MOVES_COLLECTION = 'registry_moves';

/**
 * Moves in the Firestore registry store. A move document carries `frozen`; the store's
 * change feed also listens to the frozen ones, so a freeze reaches every instance the way a
 * route change does.
 */
export class FirestoreMoves {
  constructor(private readonly db: () => Firestore) {}

  async create(move: MoveRecord): Promise<void> {
    await this.db().collection(MOVES_COLLECTION).doc(move.id).create(move);
  }

  /** Compare-and-set on `revision`, in a transaction. */
  update(move: MoveRecord): Promise<MoveRecord> {
    const db = this.db();
    const ref = db.collection(MOVES_COLLECTION).doc(move.id);
    return db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const stored = snap.exists ? (snap.data() as MoveRecord) : null;
      if (stored?.revision !== move.revision)
        throw new MoveChangedError(move.id, move.revision, stored?.revision ?? null);
      const next = { ...move, revision: move.revision + 1 };
      tx.set(ref, next);
      return next;
    });
  }

  async get(id: string): Promise<MoveRecord | null> {
    const snap = await this.db().collection(MOVES_COLLECTION).doc(id).get();
    return snap.exists ? (snap.data() as MoveRecord) : null;
  }

  /** The move as a transaction reads it (for the switch's lease check). */
  async read(tx: Transaction, id: string): Promise<MoveRecord | null> {
    const snap = await tx.get(this.db().collection(MOVES_COLLECTION).doc(id));
    return snap.exists ? (snap.data() as MoveRecord) : null;
  }

  async list(filter: { before?: string; limit: number }): Promise<MoveRecord[]> {
    let query = this.db().collection(MOVES_COLLECTION).orderBy('id', 'desc');
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    return (await query.limit(filter.limit).get()).docs.map((d) => d.data() as MoveRecord);
  }

  /** Calls `onFreezes` with the freezes of every frozen move now and after every change. */
  watchFreezes(
    onFreezes: (freezes: ScopeFreeze[]) => void,
    onError: (err: Error) => void,
  ): () => void {
    return this.db()
      .collection(MOVES_COLLECTION)
      .where('frozen', '==', true)
      .onSnapshot(
        (snap) =>
          onFreezes(
            snap.docs
              .map((d: { data(): DocumentData }) => freezeOf(d.data() as MoveRecord))
              .filter((f): f is ScopeFreeze => f !== null),
          ),
        onError,
      );
  }
}
