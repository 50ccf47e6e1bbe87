import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain.error';
import type { ChatMessage } from './chat-bus.types';

/** Comment line sent while idle, so proxies and clients keep the connection open. */
const HEARTBEAT_MS = 15_000;
/** Reconnection delay the browser's EventSource should use. */
const RETRY_MS = 2_000;

/**
 * Writes a Server-Sent Events response: one `message` event per chat message with the
 * message id as the event id (what the client sends back as Last-Event-ID), a heartbeat
 * comment while idle, and an `error` event if the feed fails after the headers went out.
 */
export class ChatBusSseWriter {
  private readonly heartbeat: NodeJS.Timeout;
  /** Id of the last message written: where a reconnecting client resumes. */
  private lastId: string | null = null;

  constructor(private readonly res: Response) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    // The stream holds the connection for its whole life; once it ends the connection is not
    // reused, so a shutdown never waits for an idle keep-alive socket to time out.
    res.setHeader('Connection', 'close');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Writes the messages, waiting while the client's socket is full (or until it goes away). */
  async sendMessages(messages: ChatMessage[]): Promise<void> {
    const frames = messages
      .map((m) => `id: ${m.id}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`)
      .join('');
    this.lastId = messages.at(-1)?.id ?? this.lastId;
    if (this.res.write(frames)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  /**
   * Tells the client why the feed stopped, as an `error` event whose JSON says what failed
   * (`code`, `message`, `details`), that it may reconnect (`reconnect: true`), and the
   * `last_event_id` to send as Last-Event-ID so it misses nothing.
   */
  sendError(err: unknown): void {
    const failure =
      err instanceof DomainError
        ? { code: err.code, message: err.message, details: err.details }
        : { code: 'internal.error', message: 'The live feed failed.', details: {} };
    const resume =
      this.lastId === null
        ? 'Reconnect to resume; no message was sent on this feed, so reconnect with the Last-Event-ID you had (or none).'
        : `Reconnect with Last-Event-ID: ${this.lastId} to resume without gaps or duplicates.`;
    const body = { ...failure, reconnect: true, last_event_id: this.lastId, resume };
    this.res.write(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    this.res.end();
  }
}
