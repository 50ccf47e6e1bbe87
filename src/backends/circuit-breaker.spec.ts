import { BackendError } from './backend.error';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';

async function until(ok: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('CircuitBreaker', () => {
  let up = false;
  let transitions: string[] = [];
  let breaker: CircuitBreaker;
  beforeEach(() => {
    up = false;
    transitions = [];
    breaker = new CircuitBreaker('the test backend', {
      failureThreshold: 2,
      probeIntervalMs: 10,
      probe: () => (up ? Promise.resolve() : Promise.reject(new Error('down'))),
      onTransition: (from: CircuitState, to: CircuitState) => transitions.push(`${from}>${to}`),
    });
  });
  afterEach(() => breaker.stop());

  it('opens after consecutive outages and then fails fast', () => {
    breaker.recordOutage();
    expect(() => breaker.assertClosed()).not.toThrow();
    breaker.recordOutage();
    expect(breaker.state).toBe('open');
    expect(() => breaker.assertClosed()).toThrow(BackendError);
  });

  it('does not open when successes interleave with outages', () => {
    breaker.recordOutage();
    breaker.recordSuccess();
    breaker.recordOutage();
    expect(breaker.state).toBe('closed');
  });

  it('keeps probing in the background while open and closes when a probe answers', async () => {
    breaker.recordOutage();
    breaker.recordOutage();
    await until(() => transitions.includes('half_open>open'));
    expect(breaker.state).not.toBe('closed');
    up = true;
    await until(() => breaker.state === 'closed');
    expect(transitions).toContain('closed>open');
    expect(transitions.at(-1)).toBe('half_open>closed');
    expect(() => breaker.assertClosed()).not.toThrow();
  });
});
