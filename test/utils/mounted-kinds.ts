import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { buildWithEnvironment } from '../../src/config/load-app-config';
import { KindCatalog, type MountedKind } from '../../src/routing/kind-catalog';
import { MemoryRegistryStore } from '../../src/routing/store/memory-registry.store';
import { testEnvironment } from './create-test-app';

/**
 * The kinds the app mounts, read from the real module graph (instantiated, not booted), so
 * tests never keep a list of their own.
 */
export async function mountedKinds(): Promise<MountedKind[]> {
  const moduleRef = await buildWithEnvironment(testEnvironment('test', 'memory', 'kinds'), () =>
    Test.createTestingModule({
      imports: [AppModule.forRoot({ store: () => new MemoryRegistryStore() })],
    }).compile(),
  );
  const kinds = moduleRef.get(KindCatalog).list();
  await moduleRef.close();
  return kinds;
}
