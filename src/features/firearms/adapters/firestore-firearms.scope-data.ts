import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import {
  firearmsActionRecord,
  firearmsKeyOf,
  firearmsLicenceRecord,
  firearmsRecordsOf,
} from '../firearms.scope-data';
import {
  ACTION_DOCUMENT,
  LICENCE_DOCUMENT,
  toAction,
  toLicence,
} from './firestore-firearms.records';

/**
 * The scope data of the Firestore firearms adapter: its two collections as the records of
 * `firearms.scope-data.ts`. An import checks each record with the adapter's reader and
 * writes the whole document the adapter writes, at the id the data gives.
 */
export async function* exportFirearmsScope(
  fs: FirestoreHandle,
  scope: Scope,
): AsyncIterable<ScopeRecord> {
  for await (const doc of documentsOf(fs.scoped(scope, 'firearms_actions'))) {
    yield firearmsActionRecord(toAction(doc.data()));
  }
  for await (const doc of documentsOf(fs.scoped(scope, 'firearms_licences'))) {
    yield firearmsLicenceRecord(toLicence(doc.data()));
  }
}

export function importFirearmsRecords(
  fs: FirestoreHandle,
  scope: Scope,
  records: readonly ScopeRecord[],
): Promise<void> {
  const { actions, licences } = firearmsRecordsOf(records);
  const actionsCol = fs.scoped(scope, 'firearms_actions');
  const licencesCol = fs.scoped(scope, 'firearms_licences');
  return setDocuments(actionsCol, [
    ...actions.map((r) => {
      const policy = toAction(r.data as object);
      const ref = actionsCol.doc(firearmsKeyOf(r, policy.action));
      return [ref, ACTION_DOCUMENT.write(policy)] as const;
    }),
    ...licences.map((r) => {
      const licence = toLicence(r.data as object);
      const ref = licencesCol.doc(firearmsKeyOf(r, licence.id));
      return [ref, LICENCE_DOCUMENT.write(licence)] as const;
    }),
  ]);
}

export function firearmsScopesHeld(
  fs: FirestoreHandle,
  tenantId: string,
  env: Env,
): Promise<Scope[]> {
  return scopesHeldOn(fs, tenantId, env, ['firearms_actions', 'firearms_licences']);
}

export function deleteFirearmsScope(fs: FirestoreHandle, scope: Scope): Promise<void> {
  return deleteCollections([
    fs.scoped(scope, 'firearms_actions'),
    fs.scoped(scope, 'firearms_licences'),
  ]);
}
