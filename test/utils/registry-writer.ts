import { FirestoreRegistryStore } from '../../src/routing/store/firestore-registry.store';
import type { RouteInput } from '../../src/routing/route.types';
import { newFirestoreClient } from './test-servers';

/**
 * A second, independent client of a Firestore registry: writes routes straight into the
 * store (no policy check, as an operator editing Firestore by hand could), to show what the
 * app does with them.
 */
export class RegistryWriter {
  readonly store: FirestoreRegistryStore;

  constructor(projectId: string) {
    this.store = new FirestoreRegistryStore(newFirestoreClient({ projectId }));
  }

  async put(...routes: RouteInput[]): Promise<number> {
    for (const r of routes) await this.store.put(r, { actor: 'test-operator' });
    return (await this.store.load()).version;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
