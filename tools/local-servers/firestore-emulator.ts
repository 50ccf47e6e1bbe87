import { createRequire } from 'node:module';

import { FirestoreServer } from '@firestore-emulator/server';

/** Options for {@link startFirestoreEmulator}. */
export interface FirestoreEmulatorOptions {
  /** Defaults to a port chosen by the kernel at bind time. */
  port?: number;
}

/** An in-process Firestore emulator bound to 127.0.0.1. */
export interface FirestoreEmulatorHandle {
  /** `127.0.0.1:PORT`, the form Firestore's `host` setting takes. */
  host: string;
  port: number;
  /** Drops every project's data; open listeners are not notified of the removals. */
  reset(): void;
  stop(): Promise<void>;
}

/** The parts of `@grpc/grpc-js` used here, typed locally to avoid depending on it directly. */
interface GrpcServer {
  bindAsync(
    address: string,
    credentials: unknown,
    callback: (error: Error | null, port: number) => void,
  ): void;
  forceShutdown(): void;
}
interface GrpcModule {
  ServerCredentials: { createInsecure(): unknown };
}

/**
 * Starts `@firestore-emulator/server` inside this process, listening on 127.0.0.1 only.
 *
 * The package's own `start(port)` binds 0.0.0.0, so this binds its internal gRPC server instead.
 * State lives in memory and is partitioned by project id.
 */
export async function startFirestoreEmulator(
  opts: FirestoreEmulatorOptions = {},
): Promise<FirestoreEmulatorHandle> {
  const emulator = new FirestoreServer();
  const server = (emulator as unknown as { server?: GrpcServer }).server;
  if (server === undefined || typeof server.bindAsync !== 'function') {
    throw new Error(
      '@firestore-emulator/server no longer keeps its gRPC server in the `server` field; ' +
        'update tools/local-servers/firestore-emulator.ts for the installed version',
    );
  }
  // Credentials must come from the same grpc-js copy as the server (it checks instanceof).
  const grpc = createRequire(require.resolve('@firestore-emulator/server'))(
    '@grpc/grpc-js',
  ) as GrpcModule;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `127.0.0.1:${opts.port ?? 0}`,
      grpc.ServerCredentials.createInsecure(),
      (err, boundPort) => (err ? reject(err) : resolve(boundPort)),
    );
  });

  return {
    host: `127.0.0.1:${port}`,
    port,
    reset: () => emulator.state.clear(),
    stop: () => {
      // Force: Listen streams opened by onSnapshot would otherwise keep a graceful shutdown open.
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}
