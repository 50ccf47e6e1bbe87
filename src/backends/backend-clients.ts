import { Logger } from '@nestjs/common';
import type { BackendConnection, BackendDriver, BackendSettings } from './backend-driver';

interface PoolEntry {
  connection: BackendConnection;
  refs: number;
  closeTimer: NodeJS.Timeout | null;
}

/**
 * Vendor clients pooled by connection key (one per distinct host/project/region…), counted
 * by the routes that use them. A client nothing references any more is closed after the
 * drain period, so requests still running on it can finish; {@link closeAll} closes
 * everything at shutdown.
 */
export class BackendClients {
  private readonly logger = new Logger('BackendClients');
  private readonly pool = new Map<string, PoolEntry>();

  constructor(
    readonly settings: BackendSettings,
    private readonly drainMs: number,
  ) {}

  /** A client for this config (shared), counted until {@link release}. */
  acquire(driver: BackendDriver, config: Record<string, unknown>): BackendConnection {
    const key = `${driver.type}|${driver.connectionKey(config)}`;
    let entry = this.pool.get(key);
    if (entry === undefined) {
      entry = { connection: driver.connect(config, this.settings), refs: 0, closeTimer: null };
      this.pool.set(key, entry);
    }
    if (entry.closeTimer !== null) {
      clearTimeout(entry.closeTimer);
      entry.closeTimer = null;
    }
    entry.refs += 1;
    return entry.connection;
  }

  /** Gives back a client taken with {@link acquire}; the last release schedules its close. */
  release(driver: BackendDriver, config: Record<string, unknown>): void {
    const key = `${driver.type}|${driver.connectionKey(config)}`;
    const entry = this.pool.get(key);
    if (entry === undefined) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    entry.closeTimer = setTimeout(() => void this.closeEntry(key, entry), this.drainMs);
    entry.closeTimer.unref();
  }

  /** Number of open clients (for status and tests). */
  get openCount(): number {
    return this.pool.size;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.pool.keys()].map((key) => this.closeEntry(key, this.pool.get(key))));
  }

  private async closeEntry(key: string, entry: PoolEntry | undefined): Promise<void> {
    if (entry === undefined || this.pool.get(key) !== entry) return;
    if (entry.closeTimer !== null) clearTimeout(entry.closeTimer);
    this.pool.delete(key);
    await entry.connection.close().catch((err: unknown) => {
      this.logger.warn({ err, client: key }, 'Closing a backend client failed');
    });
  }
}
