import type { DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { Scope } from '../../../common/scope/scope';
import { FeatureFlagsRepository } from '../feature-flags.repository';
import type { FlagDocument, FlagValues } from '../feature-flags.types';
import { FeatureFlagsVersionConflictError } from '../feature-flags.errors';

/**
 * One document per level at `{prefix_}tenants/{tenant}/envs/{env}/projects/{project|-}/feature_flags/flags`.
 * Writes run in a transaction that checks the stored version (optimistic concurrency) and
 * always write every field, so the result does not depend on set() replacing or merging.
 */
export class FirestoreFeatureFlagsRepository extends FeatureFlagsRepository {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async get(scope: Scope): Promise<FlagDocument | null> {
    const snap = await this.ref(scope).get();
    return snap.exists ? toDocument(snap.data() as Record<string, unknown>) : null;
  }

  put(
    scope: Scope,
    flags: FlagValues,
    write: { actor: string; expectedVersion?: number },
  ): Promise<FlagDocument> {
    const ref = this.ref(scope);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const currentVersion = snap.exists ? (snap.get('version') as number) : null;
      if (write.expectedVersion !== undefined && currentVersion !== write.expectedVersion) {
        throw new FeatureFlagsVersionConflictError(write.expectedVersion, currentVersion);
      }
      const doc: FlagDocument = {
        flags,
        version: (currentVersion ?? 0) + 1,
        updated_at: new Date().toISOString(),
        updated_by: write.actor,
      };
      tx.set(ref, {
        ...doc,
        ...scopeFields(scope),
      });
      return doc;
    });
  }

  private ref(scope: Scope): DocumentReference {
    return this.fs.scoped(scope, 'feature_flags').doc('flags');
  }
}

function toDocument(data: Record<string, unknown>): FlagDocument {
  return {
    flags: data.flags as FlagValues,
    version: data.version as number,
    updated_at: data.updated_at as string,
    updated_by: data.updated_by as string,
  };
}
