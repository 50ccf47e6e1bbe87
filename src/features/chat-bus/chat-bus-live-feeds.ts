import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Response } from 'express';
import { chatBusConfig } from './chat-bus.config';
import { ChatTooManySubscribersError } from './chat-bus.errors';

/** What a refused subscriber is told to wait before trying again (seconds). */
const RETRY_AFTER_SECONDS = 5;

/**
 * The open SSE feeds of this instance, at most `CHAT_MAX_SUBSCRIBERS`. A feed ends when its
 * client disconnects; at shutdown every feed is ended here, because an event stream never
 * finishes on its own and would hold the HTTP server open.
 */
@Injectable()
export class ChatBusLiveFeeds implements BeforeApplicationShutdown {
  private readonly active = new Set<AbortController>();

  constructor(
    @Inject(chatBusConfig.KEY) private readonly config: ConfigType<typeof chatBusConfig>,
  ) {}

  /** Open feeds right now. */
  get count(): number {
    return this.active.size;
  }

  /**
   * Takes a feed slot: a signal that aborts when `res` closes or the app shuts down (the slot
   * is given back then). `503 chat_bus.too_many_subscribers` when every slot is taken.
   */
  open(res: Response): AbortSignal {
    const max = this.config.maxSubscribers;
    if (this.active.size >= max) throw new ChatTooManySubscribersError(max, RETRY_AFTER_SECONDS);
    const abort = new AbortController();
    this.active.add(abort);
    const end = (): void => {
      abort.abort();
      this.active.delete(abort);
    };
    res.on('close', end);
    // The client may already have left: 'close' has then already fired.
    if (res.socket === null || res.socket.destroyed) end();
    return abort.signal;
  }

  beforeApplicationShutdown(): void {
    for (const abort of this.active) abort.abort();
    this.active.clear();
  }
}
