import { createRequire } from 'node:module';

import { FirestoreServer } from '@firestore-emulator/server';

/** gRPC path of Firestore's Commit: every write (create, set, update, transaction commit). */
const COMMIT = '/google.firestore.v1.Firestore/Commit';

/** The parts of grpc-js's server used here (its handler table and binding). */
interface GrpcServerInternals {
  handlers: Map<string, { func: (...args: unknown[]) => void }>;
  bindAsync(
    address: string,
    credentials: unknown,
    callback: (error: Error | null, port: number) => void,
  ): void;
  forceShutdown(): void;
}

/** An emulator whose writes can be held: they reach the server, then wait to be applied. */
export interface HeldFirestore {
  /** `127.0.0.1:PORT` for `FIRESTORE_EMULATOR_HOST`. */
  host: string;
  /** From now on, commits wait (unanswered, unapplied) until {@link release}. */
  hold(): void;
  /** Applies and answers the held commits in arrival order; later ones run at once. */
  release(): void;
  /** Commits waiting right now. */
  readonly waiting: number;
  stop(): void;
}

/**
 * A Firestore emulator in this process that can stall its writes, like a backend frozen
 * after a request reached it: the caller times out (503) while the write still lands later,
 * once released. Reads keep being served, so only the write of a request is caught.
 */
export async function startHeldFirestore(): Promise<HeldFirestore> {
  const emulator = new FirestoreServer();
  const server = (emulator as unknown as { server: GrpcServerInternals }).server;
  const commit = server.handlers.get(COMMIT);
  if (commit === undefined) {
    throw new Error(`@firestore-emulator/server has no ${COMMIT} handler: update this helper.`);
  }
  const original = commit.func;
  let holding = false;
  let queue: (() => void)[] = [];
  commit.func = (...args: unknown[]) => {
    if (holding) queue.push(() => original(...args));
    else original(...args);
  };
  const grpc = createRequire(require.resolve('@firestore-emulator/server'))('@grpc/grpc-js') as {
    ServerCredentials: { createInsecure(): unknown };
  };
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return {
    host: `127.0.0.1:${port}`,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      const held = queue;
      queue = [];
      for (const run of held) run();
    },
    get waiting() {
      return queue.length;
    },
    stop: () => server.forceShutdown(),
  };
}
