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
import { withScopeFields } from '../../../backends/firestore/scope-fields';
import { revised, type VersionedWrite } from '../../../backends/revision';
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
