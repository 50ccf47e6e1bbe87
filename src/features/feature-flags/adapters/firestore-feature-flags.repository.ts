import type { DocumentData, DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import {
  bool,
  nested,
  oneOf,
  readRecord,
  REVISED,
  type FieldReader,
} from '../../../backends/firestore/record-schema';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { withScopeFields } from '../../../backends/firestore/scope-fields';
import { revised, type VersionedWrite } from '../../../backends/revision';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
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
export class FirestoreFeatureFlagsRepository extends FeatureFlagsRepository implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  get(scope: Scope): Promise<FlagDocument | null> {
    return getRecord(this.ref(scope), toDocument);
  }

  put(scope: Scope, flags: FlagValues, write: VersionedWrite): Promise<FlagDocument> {
    return upsertDocument(
      this.fs.db,
      this.ref(scope),
      { read: toDocument, write: withScopeFields(scope) },
      revised({ flags }, write, FeatureFlagsVersionConflictError),
    );
  }

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const doc of documentsOf(this.fs.scoped(scope, COLLECTION))) {
      yield { collection: 'flags', id: doc.id, data: toDocument(doc.data()) };
    }
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const write = withScopeFields(scope);
    return setDocuments(
      this.fs.scoped(scope, COLLECTION),
      records.map((r) => [this.ref(scope), write(toDocument(r.data as DocumentData))] as const),
    );
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, [COLLECTION]);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections([this.fs.scoped(scope, COLLECTION)]);
  }

  private ref(scope: Scope): DocumentReference {
    return this.fs.scoped(scope, COLLECTION).doc('flags');
  }
}

const COLLECTION = 'feature_flags';

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
