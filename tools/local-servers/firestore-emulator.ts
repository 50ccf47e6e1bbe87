import { createRequire } from 'node:module';

import { FirestoreServer } from '@firestore-emulator/server';
import { speedUpEmulatorInserts } from './firestore-emulator-speedup';

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
  /**
   * Stops serving (like {@link stop}) if running, then serves again on the same port with the
   * same data: an outage of the emulator, not a wipe (its data lives in this process).
   */
  restart(): Promise<void>;
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
/** The fields of the emulator's state that hold its data and its change notifications. */
interface EmulatorState {
  projects: unknown;
  emitter: unknown;
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
  speedUpEmulatorInserts();
  let emulator = new FirestoreServer();
  let port = await bind(emulator, opts.port ?? 0);
  let running = true;

  return {
    get host() {
      return `127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    reset: () => emulator.state.clear(),
    stop: () => {
      // Force: Listen streams opened by onSnapshot would otherwise keep a graceful shutdown open.
      if (running) grpcServerOf(emulator).forceShutdown();
      running = false;
      return Promise.resolve();
    },
    restart: async () => {
      if (running) grpcServerOf(emulator).forceShutdown();
      // A stopped gRPC server cannot bind again: start a new one on the same port that serves
      // the same data (projects) and notifies through the same emitter (open listeners).
      const next = new FirestoreServer();
      const from = emulator.state as unknown as EmulatorState;
      const to = next.state as unknown as EmulatorState;
      to.projects = from.projects;
      to.emitter = from.emitter;
      emulator = next;
      port = await bind(emulator, port);
      running = true;
    },
  };
}

function grpcServerOf(emulator: FirestoreServer): GrpcServer {
  const server = (emulator as unknown as { server?: GrpcServer }).server;
  if (server === undefined || typeof server.bindAsync !== 'function') {
    throw new Error(
      '@firestore-emulator/server no longer keeps its gRPC server in the `server` field; ' +
        'update tools/local-servers/firestore-emulator.ts for the installed version',
    );
  }
  return server;
}

/** Binds the emulator's gRPC server to 127.0.0.1 (the package's own start() binds 0.0.0.0). */
function bind(emulator: FirestoreServer, port: number): Promise<number> {
  const server = grpcServerOf(emulator);
  // Credentials must come from the same grpc-js copy as the server (it checks instanceof).
  const grpc = createRequire(require.resolve('@firestore-emulator/server'))(
    '@grpc/grpc-js',
  ) as GrpcModule;
  return new Promise<number>((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
}
