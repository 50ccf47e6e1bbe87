import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { appConfig } from '../../src/config/app.config';
import { backendsConfig } from '../../src/config/backends.config';
import { chatBusConfig } from '../../src/features/chat-bus/chat-bus.config';
import { MediaV2StorageOptions } from '../../src/features/media-v2-storage/media-v2-storage.options';
import { createTestApp, type TestApp } from '../utils/create-test-app';

/** What one app was configured with, read back through its injected namespaces. */
function settingsOf(app: INestApplication) {
  return {
    env: app.get<{ env: string }>(appConfig.KEY).env,
    instanceId: app.get<{ instanceId: string }>(appConfig.KEY).instanceId,
    timeoutMs: app.get<{ timeoutMs: number }>(backendsConfig.KEY).timeoutMs,
    chatMaxSubscribers: app.get<{ maxSubscribers: number }>(chatBusConfig.KEY).maxSubscribers,
    mediaMaxUploadBytes: app.get(MediaV2StorageOptions).maxUploadBytes,
    viaConfigService: app.get(ConfigService).get<string>('app.instanceId'),
  };
}

describe('configuration per app', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.close()));
  });

  it('gives two apps built at once in one process each its own environment, core and feature settings', async () => {
    apps.push(
      ...(await Promise.all([
        createTestApp({
          environment: {
            INSTANCE_ID: 'i-one',
            BACKEND_TIMEOUT_MS: '1500',
            CHAT_MAX_SUBSCRIBERS: '7',
            MEDIA_MAX_UPLOAD_BYTES: '1000',
          },
        }),
        createTestApp({
          env: 'dev',
          environment: {
            INSTANCE_ID: 'i-two',
            BACKEND_TIMEOUT_MS: '2500',
            CHAT_MAX_SUBSCRIBERS: '9',
            MEDIA_MAX_UPLOAD_BYTES: '2000',
          },
        }),
      ])),
    );
    const [one, two] = apps.map((t) => settingsOf(t.app));
    expect(one).toEqual({
      env: 'test',
      instanceId: 'i-one',
      timeoutMs: 1500,
      chatMaxSubscribers: 7,
      mediaMaxUploadBytes: 1000,
      viaConfigService: 'i-one',
    });
    expect(two).toEqual({
      env: 'dev',
      instanceId: 'i-two',
      timeoutMs: 2500,
      chatMaxSubscribers: 9,
      mediaMaxUploadBytes: 2000,
      viaConfigService: 'i-two',
    });
  });

  it('writes nothing into process.env and reads nothing from it', async () => {
    const saved = process.env.CHAT_MAX_SUBSCRIBERS;
    process.env.CHAT_MAX_SUBSCRIBERS = '3';
    try {
      const before = { ...process.env };
      apps.push(await createTestApp({ environment: { INSTANCE_ID: 'i-three' } }));
      expect(process.env).toEqual(before);
      const [t] = apps as [TestApp];
      const settings = settingsOf(t.app);
      expect(settings.chatMaxSubscribers).toBe(10_000);
      expect(settings.instanceId).toBe('i-three');
      expect(t.app.get(ConfigService).get('CHAT_MAX_SUBSCRIBERS')).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.CHAT_MAX_SUBSCRIBERS;
      else process.env.CHAT_MAX_SUBSCRIBERS = saved;
    }
  });
});
