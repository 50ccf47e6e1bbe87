import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { RealtimeRegistryModule } from '../realtime-registry/realtime-registry.module';
import { InMemoryChatRepository } from './adapters/in-memory-chat.repository';
import { RedisChatRepository } from './adapters/redis-chat.repository';
import { ChatBusController } from './chat-bus.controller';
import { ChatBusService } from './chat-bus.service';
import { ChatLiveFeeds } from './chat-live-feeds';
import { ChatRepository } from './chat.repository';
import { CHAT_BUS_KIND } from './chat.types';

/**
 * chat_bus: threads and messages on Redis Streams under the scope's key prefix, with a
 * Server-Sent Events feed. Thread ids are owned through realtime_registry.
 */
@Module({
  imports: [RealtimeRegistryModule],
  controllers: [ChatBusController],
  providers: [
    provideRoutedRepository(
      ChatRepository,
      CHAT_BUS_KIND,
      {
        redis: (redis) => new RedisChatRepository(redis),
        memory: () => new InMemoryChatRepository(),
      },
      // follow() streams for as long as the SSE client stays; it bounds its own waits.
      { untimed: ['follow'] },
    ),
    ChatBusService,
    ChatLiveFeeds,
  ],
  exports: [ChatBusService],
})
export class ChatBusModule {}
