import { Logger } from '@nestjs/common';
import { InFlightCalls } from './in-flight-calls';
import type { BackendConnection, BackendDriver, BackendSettings } from './backend-driver';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { withTimeout } from './with-timeout';

interface PoolEntry {
  type: string;
  connection: BackendConnection;
  breaker: CircuitBreaker;
  refs: number;
  closeTimer: NodeJS.Timeout | null;
}

/** How the pool guards its clients (see {@link CircuitBreaker}). */
export interface CircuitSettings {
  failureThreshold: number;
  probeIntervalMs: number;
}

/** One pooled client's circuit, for metrics and readiness. */
export interface CircuitReport {
  backend_type: string;
  client: string;
  state: CircuitState;
}

/** Told when a client was replaced by a fresh one after an outage; adapters must be rebuilt. */
export type ReplacedListener = (old: BackendConnection, fresh: BackendConnection) => void;
export type TransitionListener = (report: CircuitReport, from: CircuitState) => void;

/** How long a client replaced after an outage stays open for calls still retrying on it. */
const REPLACED_CLIENT_GRACE_MS = 30_000;
/** Longest wait for a client's running calls (vendor retries included) before closing it. */
const CLOSE_SETTLE_MS = 10_000;

/**
 * Vendor clients pooled by connection key (one per distinct host/project/region…), counted
 * by the routes that use them. A client nothing references any more is closed after the
 * drain period, so requests still running on it can finish; {@link closeAll} closes
 * everything at shutdown.
 *
 * Each client has a {@link CircuitBreaker}. Its probe pings a fresh client, and on success
 * that fresh client replaces the pooled one: a gRPC channel that backed off during a long
 * outage can take many seconds to serve again, a new one serves at once.
 */
export class BackendClients {
  private readonly logger = new Logger('BackendClients');
  private readonly pool = new Map<string, PoolEntry>();
  private readonly replacedListeners = new Set<ReplacedListener>();
  private readonly transitionListeners = new Set<TransitionListener>();
  /** Probe clients and replaced clients not closed yet: {@link closeAll} closes them too. */
  private readonly retiring = new Set<BackendConnection>();
  private readonly closed = new WeakSet<BackendConnection>();
  private readonly pinging = new Set<BackendConnection>();
  private readonly inFlight = new InFlightCalls();

  constructor(
    readonly settings: BackendSettings,
    private readonly drainMs: number,
    private readonly circuit: CircuitSettings = { failureThreshold: 3, probeIntervalMs: 250 },
  ) {}

  /** A client for this config (shared), counted until {@link release}. */
  acquire(driver: BackendDriver, config: Record<string, unknown>): BackendConnection {
    const key = keyOf(driver, config);
    let entry = this.pool.get(key);
    if (entry === undefined) {
      entry = this.createEntry(key, driver, config);
      this.pool.set(key, entry);
    }
    if (entry.closeTimer !== null) {
      clearTimeout(entry.closeTimer);
      entry.closeTimer = null;
    }
    entry.refs += 1;
    return entry.connection;
  }

  /** The circuit breaker of the client {@link acquire} returns for this config. */
  breaker(driver: BackendDriver, config: Record<string, unknown>): CircuitBreaker | null {
    return this.pool.get(keyOf(driver, config))?.breaker ?? null;
  }

  /** Gives back a client taken with {@link acquire}; the last release schedules its close. */
  release(driver: BackendDriver, config: Record<string, unknown>): void {
    const key = keyOf(driver, config);
    const entry = this.pool.get(key);
    if (entry === undefined) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    entry.closeTimer = setTimeout(() => void this.closeEntry(key, entry), this.drainMs);
    entry.closeTimer.unref();
  }

  onReplaced(listener: ReplacedListener): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  onTransition(listener: TransitionListener): () => void {
    this.transitionListeners.add(listener);
    return () => this.transitionListeners.delete(listener);
  }

  /** Counts a call on a client until it settles, so the client is not closed under it. */
  track(connection: BackendConnection, work: Promise<unknown>): void {
    this.inFlight.track(connection, work);
  }

  /** Every pooled client's circuit state. */
  circuits(): CircuitReport[] {
    return [...this.pool].map(([key, e]) => report(key, e));
  }

  /** Number of open clients (for status and tests). */
  get openCount(): number {
    return this.pool.size;
  }

  /**
   * Closes every client. A probe client whose ping is still running closes itself when the
   * ping settles: closing a client under a retrying call makes some clients fail out of band.
   */
  async closeAll(): Promise<void> {
    await Promise.all([
      ...[...this.pool.keys()].map((key) => this.closeEntry(key, this.pool.get(key))),
      ...[...this.retiring]
        .filter((c) => !this.pinging.has(c))
        .map((c) => this.closeQuietly('retiring', c)),
    ]);
  }

  private createEntry(
    key: string,
    driver: BackendDriver,
    config: Record<string, unknown>,
  ): PoolEntry {
    const entry: PoolEntry = {
      type: driver.type,
      connection: driver.connect(config, this.settings),
      refs: 0,
      closeTimer: null,
      breaker: new CircuitBreaker(`the ${driver.type} backend`, {
        ...this.circuit,
        probe: () => this.probeFresh(key, entry, driver, config),
        onTransition: (from, to) => this.transitioned(key, entry, from, to),
      }),
    };
    return entry;
  }

  /** Pings a new client; when it answers it becomes the pooled one. */
  private async probeFresh(
    key: string,
    entry: PoolEntry,
    driver: BackendDriver,
    config: Record<string, unknown>,
  ): Promise<void> {
    const fresh = driver.connect(config, this.settings);
    this.retiring.add(fresh);
    // A late answer still counts (a loaded machine may take a while to build the client),
    // and other probes keep starting meanwhile, so a long bound costs no recovery time.
    const ms = this.settings.timeoutMs;
    this.pinging.add(fresh);
    const ping = driver.ping(fresh, config).finally(() => this.pinging.delete(fresh));
    try {
      await withTimeout(ping, ms, `${driver.type} probe`);
    } catch (err) {
      // Closing a client under a call still retrying makes some clients throw out of band.
      void ping.catch(() => undefined).finally(() => void this.closeQuietly(key, fresh));
      throw err;
    }
    if (this.pool.get(key) !== entry) {
      void this.closeQuietly(key, fresh);
      return;
    }
    const old = entry.connection;
    entry.connection = fresh;
    this.retiring.delete(fresh);
    this.retiring.add(old);
    for (const listener of this.replacedListeners) listener(old, fresh);
    // Calls begun on the old client during the outage may still be in the client's own
    // retries; closing under them makes some clients fail out of band, so wait them out.
    const grace = Math.max(this.drainMs, REPLACED_CLIENT_GRACE_MS);
    setTimeout(() => void this.closeQuietly(key, old), grace).unref();
  }

  private transitioned(key: string, entry: PoolEntry, from: CircuitState, to: CircuitState): void {
    if (to === 'open' && from === 'closed')
      this.logger.warn({ client: key }, 'Backend unreachable: circuit open, failing fast');
    if (to === 'closed') this.logger.log({ client: key }, 'Backend answers again: circuit closed');
    for (const listener of this.transitionListeners) listener(report(key, entry), from);
  }

  private async closeEntry(key: string, entry: PoolEntry | undefined): Promise<void> {
    if (entry === undefined || this.pool.get(key) !== entry) return;
    if (entry.closeTimer !== null) clearTimeout(entry.closeTimer);
    entry.breaker.stop();
    this.pool.delete(key);
    await this.closeQuietly(key, entry.connection);
  }

  private async closeQuietly(key: string, connection: BackendConnection): Promise<void> {
    this.retiring.delete(connection);
    if (this.closed.has(connection)) return;
    this.closed.add(connection);
    await this.inFlight.settled(connection, CLOSE_SETTLE_MS);
    await connection.close().catch((err: unknown) => {
      this.logger.warn({ err, client: key }, 'Closing a backend client failed');
    });
  }
}

function keyOf(driver: BackendDriver, config: Record<string, unknown>): string {
  return `${driver.type}|${driver.connectionKey(config)}`;
}

function report(key: string, entry: PoolEntry): CircuitReport {
  return {
    backend_type: entry.type,
    // Connection keys are JSON (`["proj","(default)"]`): a plain `proj/(default)` reads better.
    client: key
      .slice(key.indexOf('|') + 1)
      .replace(/[[\]"]/g, '')
      .replace(/,/g, '/'),
    state: entry.breaker.state,
  };
}
