import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { ActionPolicy, Licence } from './firearms.types';

/**
 * The record collections of firearms in a move, the same from every adapter: `actions`
 * (id = action name, data = the {@link ActionPolicy}) and `licences` (id = licence id, data =
 * the stored {@link Licence}, status `active` or `revoked` as stored).
 */
export const FIREARMS_ACTIONS = 'actions';
export const FIREARMS_LICENCES = 'licences';

/** The records of a batch split by collection; an unknown collection is refused, not dropped. */
export function firearmsRecordsOf(records: readonly ScopeRecord[]): {
  actions: ScopeRecord[];
  licences: ScopeRecord[];
} {
  const out = { actions: [] as ScopeRecord[], licences: [] as ScopeRecord[] };
  for (const r of records) {
    if (r.collection === FIREARMS_ACTIONS) out.actions.push(r);
    else if (r.collection === FIREARMS_LICENCES) out.licences.push(r);
    else throw new Error(`firearms has no collection "${r.collection}" (record ${r.id})`);
  }
  return out;
}

/**
 * `key` (the id the record's data gives) when it is the record's id; a record whose id
 * and data disagree would be stored where no read finds it, so it is refused.
 */
export function firearmsKeyOf(record: ScopeRecord, key: string): string {
  if (record.id !== key) {
    throw new Error(`firearms ${record.collection} record ${record.id} holds the data of ${key}`);
  }
  return key;
}

/** An action record: its id is the action name. */
export function firearmsActionRecord(policy: ActionPolicy): ScopeRecord {
  return { collection: FIREARMS_ACTIONS, id: policy.action, data: policy };
}

/** A licence record: its id is the licence id. */
export function firearmsLicenceRecord(licence: Licence): ScopeRecord {
  return { collection: FIREARMS_LICENCES, id: licence.id, data: licence };
}
