import { get, type ClientRequest, type IncomingMessage } from 'node:http';

/** One Server-Sent Event as received. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * A real HTTP client (node:http) reading a Server-Sent Events response, for e2e tests: collects
 * events as they arrive and closes the connection on demand. node:http rather than fetch,
 * because undici opens a spare connection after an abort, which would hold the server open.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private buffer = '';

  private constructor(
    readonly response: IncomingMessage,
    private readonly request: ClientRequest,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    const end = (): void => {
      this.ended = true;
      this.wake?.();
    };
    response.on('close', end);
    response.on('error', end);
  }

  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = get(url, { headers, agent: false }, (response) =>
        resolve(new SseClient(response, request)),
      );
      request.on('error', reject);
    });
  }

  get status(): number | undefined {
    return this.response.statusCode;
  }

  /** Resolves with the events once at least `count` have arrived (rejects if the stream ends first). */
  async waitFor(count: number): Promise<SseEvent[]> {
    while (this.events.length < count) {
      if (this.ended)
        throw new Error(`stream ended after ${this.events.length} of ${count} events`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.events;
  }

  close(): void {
    this.request.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      this.accept(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
    }
  }

  private accept(frame: string): void {
    const event: SseEvent = { event: 'message', data: '' };
    let hasData = false;
    for (const line of frame.split('\n')) {
      const colon = line.indexOf(':');
      if (colon === 0) continue;
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') event.id = value;
      if (field === 'event') event.event = value;
      if (field === 'data') {
        event.data = hasData ? `${event.data}\n${value}` : value;
        hasData = true;
      }
    }
    if (!hasData) return;
    this.events.push(event);
    this.wake?.();
  }
}
