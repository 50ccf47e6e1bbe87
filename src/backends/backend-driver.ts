import type { BackendType } from './backend-type';
import type { BackendError } from './backend.error';

/** What drivers need from the deployment configuration. */
export interface BackendSettings {
  /** Bound on connecting and on each call, in milliseconds. */
  timeoutMs: number;
  /** `host:port` of a Firestore emulator, or null for real Firestore. */
  firestoreEmulatorHost: string | null;
  /** Default Firestore project (`GCP_PROJECT_ID`). */
  defaultGcpProjectId: string | null;
  /** Value of an environment variable a route names (`password_env`, …). */
  secret(name: string): string | undefined;
}

/** A live vendor client shared by every route whose config has the same connection key. */
export interface BackendConnection<C = unknown> {
  readonly client: C;
  close(): Promise<void>;
}

/**
 * Vendor plumbing for one backend type: which configs share a client, how to build it,
 * the handle adapters receive, the health ping, and error translation.
 */
export interface BackendDriver<C = unknown, H = unknown> {
  readonly type: BackendType;
  /** Configs with the same key share one client (for example same host, port, db). */
  connectionKey(config: Record<string, unknown>): string;
  connect(config: Record<string, unknown>, settings: BackendSettings): BackendConnection<C>;
  /** What an adapter builder receives: the client plus the route's prefixes. */
  handle(connection: BackendConnection<C>, config: Record<string, unknown>): H;
  /** Resolves when the backend answers for this route's config; rejects otherwise. */
  ping(connection: BackendConnection<C>, config: Record<string, unknown>): Promise<void>;
  /** A vendor error as a {@link BackendError}, or null when it is not a backend failure. */
  translate(err: unknown): BackendError | null;
}
