import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';

/**
 * The open SSE feeds. A feed ends when its client disconnects; at shutdown every feed is
 * ended here, because an event stream never finishes on its own and would hold the HTTP
 * server (and a Redis connection per feed) open.
 */
@Injectable()
export class ChatLiveFeeds implements BeforeApplicationShutdown {
  private readonly active = new Set<AbortController>();

  /** A signal that aborts when `res` closes or the app shuts down. */
  open(res: Response): AbortSignal {
    const abort = new AbortController();
    this.active.add(abort);
    const end = (): void => {
      abort.abort();
      this.active.delete(abort);
    };
    res.on('close', end);
    // The client may have left while access was being checked: 'close' has then already fired.
    if (res.socket === null || res.socket.destroyed) end();
    return abort.signal;
  }

  beforeApplicationShutdown(): void {
    for (const abort of this.active) abort.abort();
    this.active.clear();
  }
}
