import { basename } from 'node:path';

import { readIndexFile, scanCollectionIds } from '../../scripts/firestore-indexes';
import { failureReport, verdictsOf } from '../utils/firestore-index-report';
import type { QueryLog } from '../utils/firestore-query-recorder';
import { saveIndexUsage } from './firestore-index-usage';

// Runs in every test file once jest is set up. In the suites that drive the Firestore adapters
// against the emulator (which never asks for an index) it records each query the code runs,
// and fails the suite when firestore.indexes.json lacks the composite index real Firestore
// needs for one (docs/firestore-emulator.md, "Composite indexes").

/** The Firestore contract suites: every adapter against the emulator. */
const CHECKED_SUITES = /[\\/]test[\\/]integration[\\/]firestore[\\/][^\\/]+\.spec\.ts$/;

const suite = expect.getState().testPath ?? '';
if (CHECKED_SUITES.test(suite)) {
  let log: QueryLog | undefined;
  beforeAll(async () => {
    // Loaded here so that other test files do not pay for loading the Firestore client.
    const { recordAppQueries } = await import('../utils/firestore-query-recorder');
    log = recordAppQueries();
  });
  afterAll(() => {
    if (log === undefined) throw new Error('the Firestore query recorder did not start');
    const verdicts = verdictsOf(log, readIndexFile(), scanCollectionIds());
    saveIndexUsage(basename(suite), verdicts);
    const failure = failureReport(verdicts, log.problems);
    if (failure !== null) throw new Error(failure);
  });
}
