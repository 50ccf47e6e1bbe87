import {
  startFirestoreEmulator,
  type FirestoreEmulatorHandle,
} from '../../tools/local-servers/firestore-emulator';

/**
 * A Firestore emulator of the calling test file's own, started before its tests and stopped
 * after them. For suites that write thousands of documents: the emulator re-runs every open
 * query listener on each write anywhere, so on the run's shared emulator those writes would
 * multiply by every other suite's registry listener (and once exhausted the heap of the
 * process that hosts it).
 */
export function ownFirestoreEmulator(): { readonly host: string } {
  let emulator: FirestoreEmulatorHandle | undefined;
  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
  });
  afterAll(() => emulator?.stop());
  return {
    get host(): string {
      if (emulator === undefined) throw new Error('the emulator starts in beforeAll: use it there');
      return emulator.host;
    },
  };
}
