import { BackendError } from './backend.error';

/** Probes that may wait for an answer at the same time. */
const MAX_PROBES_IN_FLIGHT = 4;

/** `closed`: calls pass. `open`: calls fail fast. `half_open`: a probe is checking the backend. */
export type CircuitState = 'closed' | 'open' | 'half_open';

/** Tuning of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive outage failures (timeouts, unavailable) that open the circuit. */
  failureThreshold: number;
  /** Pause between background probes while open. */
  probeIntervalMs: number;
  /**
   * Checks the backend; resolves when it answers. Runs in the background while the circuit
   * is open, so recovery is noticed within one interval rather than by the next request.
   */
  probe: () => Promise<void>;
  /** Called on every state change (metrics, logs). */
  onTransition?: (from: CircuitState, to: CircuitState) => void;
}

/**
 * One breaker per pooled backend client. While the backend is known to be down, callers get
 * an immediate `unavailable` {@link BackendError} instead of each waiting out the backend
 * timeout; a probe every {@link CircuitBreakerOptions.probeIntervalMs} closes it again as
 * soon as the backend answers.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private openedAt: Date | null = null;
  private stopped = false;
  private inFlight = 0;

  constructor(
    private readonly what: string,
    private readonly options: CircuitBreakerOptions,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  /** Throws an `unavailable` {@link BackendError} when calls must not reach the backend. */
  assertClosed(): void {
    if (this.current === 'closed') return;
    const since = this.openedAt?.toISOString() ?? 'just now';
    throw new BackendError(
      'unavailable',
      `${this.what} is known to be down since ${since} (circuit ${this.current}; probing every ${this.options.probeIntervalMs} ms)`,
    );
  }

  /** A call reached the backend and it answered (any answer that is not an outage). */
  recordSuccess(): void {
    if (this.current === 'closed') this.failures = 0;
  }

  /** A call failed because the backend did not answer. */
  recordOutage(): void {
    if (this.current !== 'closed') return;
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.open();
  }

  /** Stops probing (the client is being closed). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private open(): void {
    this.openedAt = new Date();
    this.transition('open');
    this.scheduleProbe();
  }

  /**
   * Probes start every interval even while earlier ones are still waiting (up to
   * {@link MAX_PROBES_IN_FLIGHT}): a probe that began while the backend was down may wait
   * out a client's retry backoff, and must not delay noticing that it is back.
   */
  private scheduleProbe(): void {
    if (this.stopped || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.current === 'closed') return;
      if (this.inFlight < MAX_PROBES_IN_FLIGHT) void this.runProbe();
      this.scheduleProbe();
    }, this.options.probeIntervalMs);
    this.timer.unref();
  }

  private async runProbe(): Promise<void> {
    this.inFlight += 1;
    this.transition('half_open');
    try {
      await this.options.probe();
    } catch {
      this.inFlight -= 1;
      if (this.inFlight === 0 && this.current === 'half_open') this.transition('open');
      return;
    }
    this.inFlight -= 1;
    if (this.current === 'closed') return;
    this.failures = 0;
    this.openedAt = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.transition('closed');
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    if (from === to || this.stopped) return;
    this.current = to;
    this.options.onTransition?.(from, to);
  }
}
