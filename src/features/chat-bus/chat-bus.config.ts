import { defineConfig } from '../../config/config-namespace';

/** chat_bus settings, validated at start with the rest of the configuration. */
export const chatBusConfig = defineConfig('chat_bus', (source) => ({
  /**
   * `CHAT_MAX_SUBSCRIBERS` (default 10000): live chat feeds (SSE) one instance serves at once;
   * past it a new feed answers `503 chat_bus.too_many_subscribers` with `Retry-After`.
   */
  maxSubscribers: source.int('CHAT_MAX_SUBSCRIBERS', 10_000, { min: 1, max: 1_000_000 }),
}));
