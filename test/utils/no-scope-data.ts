import { yieldAll, type ScopeData } from '../../src/common/scope-data/scope-data';

/** ScopeData of an adapter that holds nothing (for fakes in routing unit specs). */
export function noScopeData(): ScopeData {
  return {
    exportScope: () => yieldAll([]),
    importRecords: () => Promise.resolve(),
    scopesHeld: () => Promise.resolve([]),
    deleteScope: () => Promise.resolve(),
  };
}
