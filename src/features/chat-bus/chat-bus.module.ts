import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { RealtimeRegistryModule } from '../realtime-registry/realtime-registry.module';
import { InMemoryChatBusRepository } from './adapters/in-memory-chat-bus.repository';
import { RedisChatBusRepository } from './adapters/redis-chat-bus.repository';
import { chatBusConfig } from './chat-bus.config';
import { ChatBusController } from './chat-bus.controller';
import { ChatBusService } from './chat-bus.service';
import { ChatBusLiveFeeds } from './chat-bus-live-feeds';
import { ChatBusRepository } from './chat-bus.repository';
import {
  CHAT_BUS_KIND,
  CHAT_STREAM_MAXLEN,
  CHAT_STREAM_MAXLEN_KEY,
  CHAT_STREAM_MAXLEN_RANGE,
} from './chat-bus.types';

const { min, max } = CHAT_STREAM_MAXLEN_RANGE;

/** The key chat_bus adds to its redis routes: retention per thread (see CHAT_STREAM_MAXLEN). */
const ROUTE_CONFIG_KEYS = {
  redis: {
    [CHAT_STREAM_MAXLEN_KEY]: {
      type: 'integer' as const,
      check: (v: number) =>
        v >= min && v <= max
          ? null
          : `must be from ${min} to ${max} (messages kept per thread; default ${CHAT_STREAM_MAXLEN})`,
    },
  },
};

/**
 * chat_bus: threads and messages on Redis Streams under the scope's key prefix, with a
 * Server-Sent Events feed. Thread ids are owned through realtime_registry. Redis routes may
 * set `stream_maxlen`, the messages kept per thread.
 */
@Module({
  imports: [RealtimeRegistryModule, ConfigModule.forFeature(chatBusConfig)],
  controllers: [ChatBusController],
  providers: [
    provideRoutedRepository(
      ChatBusRepository,
      CHAT_BUS_KIND,
      {
        redis: (redis, config) =>
          new RedisChatBusRepository(redis, {
            maxLen: config[CHAT_STREAM_MAXLEN_KEY] as number | undefined,
          }),
        memory: () => new InMemoryChatBusRepository(),
      },
      {
        // follow() streams for as long as the SSE client stays; it bounds its own waits.
        untimed: ['follow'],
        // Live feeds only read, so they keep serving while the scope is frozen for a move.
        reads: ['getThread', 'listThreads', 'listMessages', 'lastMessageId', 'follow'],
        configKeys: ROUTE_CONFIG_KEYS,
      },
    ),
    ChatBusService,
    ChatBusLiveFeeds,
  ],
  exports: [ChatBusService],
})
export class ChatBusModule {}
