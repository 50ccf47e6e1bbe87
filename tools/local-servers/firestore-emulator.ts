import { createRequire } from 'node:module';

import { FirestoreServer } from '@firestore-emulator/server';
import { serveEmulatorListing, type EmulatorHandlerRegistry } from './firestore-emulator-listing';
import { makeEmulatorListenersIncremental } from './firestore-emulator-listen';
import { speedUpEmulatorInserts } from './firestore-emulator-speedup';

import {
  exportDocuments,
  importDocuments,
  readSavedDocuments,
  writeSavedDocuments,
} from './firestore-persistence';

/** How long after a change the documents are saved: a burst of writes costs one save. */
const SAVE_DELAY_MS = 200;

/** Options for {@link startFirestoreEmulator}. */
export interface FirestoreEmulatorOptions {
  /** Defaults to a port chosen by the kernel at bind time. */
  port?: number;
  /**
   * Keep the documents across runs in this directory (`documents.json`): loaded at start,
   * saved shortly after every change and on {@link FirestoreEmulatorHandle.stop}. Without it
   * the emulator is in memory only.
   */
  dataDir?: string;
}

/** An in-process Firestore emulator bound to 127.0.0.1. */
export interface FirestoreEmulatorHandle {
  /** `127.0.0.1:PORT`, the form Firestore's `host` setting takes. */
  host: string;
  port: number;
  /** Drops every project's data; open listeners are not notified of the removals. */
  reset(): void;
  /** Stops serving; with `dataDir`, saves pending changes first. */
  stop(): Promise<void>;
  /** With `dataDir`: writes the documents now (no-op without). */
  save(): Promise<void>;
  /**
   * Stops serving (like {@link stop}) if running, then serves again on the same port with the
   * same data: an outage of the emulator, not a wipe (its data lives in this process).
   */
  restart(): Promise<void>;
}

/** The parts of `@grpc/grpc-js` used here, typed locally to avoid depending on it directly. */
interface GrpcServer extends EmulatorHandlerRegistry {
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
  makeEmulatorListenersIncremental();
  let emulator = newEmulator();
  const persistence =
    opts.dataDir === undefined ? null : await persist(() => emulator, opts.dataDir);
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
    stop: async () => {
      // Force: Listen streams opened by onSnapshot would otherwise keep a graceful shutdown open.
      if (running) grpcServerOf(emulator).forceShutdown();
      running = false;
      await persistence?.close();
    },
    save: () => persistence?.save() ?? Promise.resolve(),
    restart: async () => {
      if (running) grpcServerOf(emulator).forceShutdown();
      // A stopped gRPC server cannot bind again: start a new one on the same port that serves
      // the same data (projects) and notifies through the same emitter (open listeners).
      const next = newEmulator();
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

interface Persistence {
  save(): Promise<void>;
  /** Saves what is pending and stops watching. */
  close(): Promise<void>;
}

/**
 * Loads `dir` into the emulator, then saves it after every change (debounced). Saves run one
 * at a time and always write the latest state. The emulator keeps its emitter across
 * {@link FirestoreEmulatorHandle.restart}, so watching survives restarts.
 */
async function persist(current: () => FirestoreServer, dir: string): Promise<Persistence> {
  const saved = await readSavedDocuments(dir);
  if (saved !== null) importDocuments(current().state, saved);
  let timer: NodeJS.Timeout | null = null;
  let chain = Promise.resolve();
  const save = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    chain = chain.then(() => writeSavedDocuments(dir, exportDocuments(current().state)));
    return chain;
  };
  const onChange = (): void => {
    timer ??= setTimeout(() => void save().catch(reportSaveError), SAVE_DELAY_MS);
  };
  const emitter = current().state.emitter as unknown as NodeJS.EventEmitter;
  const events = ['create-document', 'update-document', 'delete-document', 'clear-all-projects'];
  for (const event of events) emitter.on(event, onChange);
  return {
    save,
    close: async () => {
      for (const event of events) emitter.off(event, onChange);
      await save();
    },
  };
}

function reportSaveError(err: unknown): void {
  process.stderr.write(`Firestore emulator data could not be saved: ${String(err)}\n`);
}

/** A package emulator with the methods it lacks served by our patch. */
function newEmulator(): FirestoreServer {
  const emulator = new FirestoreServer();
  serveEmulatorListing(grpcServerOf(emulator), emulator.state);
  return emulator;
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
