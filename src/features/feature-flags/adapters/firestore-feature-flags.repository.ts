import type { DocumentData, DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  bool,
  nested,
  oneOf,
  readRecord,
  recordOrNull,
  REVISED,
  type FieldReader,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { Scope } from '../../../common/scope/scope';
import { FeatureFlagsRepository } from '../feature-flags.repository';
import {
  REPLAY_MODES,
  VISIBILITY_MODES,
  type CustomFlagValue,
  type FlagDocument,
  type FlagValues,
} from '../feature-flags.types';
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
    return recordOrNull(snap, toDocument);
  }

  put(
    scope: Scope,
    flags: FlagValues,
    write: { actor: string; expectedVersion?: number },
  ): Promise<FlagDocument> {
    const ref = this.ref(scope);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const currentVersion = recordOrNull(snap, toDocument)?.version ?? null;
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

/** A custom flag: a string, number or boolean. */
const customFlags: FieldReader<Record<string, CustomFlagValue>> = (doc, name) => {
  const custom = doc.nested(name);
  return Object.fromEntries(custom.names().map((key) => [key, custom.scalar(key)]));
};

const FLAG_DOCUMENT = {
  flags: nested({
    ws_enabled: bool,
    sse_enabled: bool,
    gesture_logging: bool,
    replay_mode: oneOf(REPLAY_MODES),
    visibility_mode: oneOf(VISIBILITY_MODES),
    custom: customFlags,
  }),
  ...REVISED,
};

function toDocument(data: DocumentData): FlagDocument {
  return readRecord(data, 'feature flags', FLAG_DOCUMENT);
}
