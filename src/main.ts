import 'reflect-metadata';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from './config/app.config';
import { createApp } from './create-app';

/** Production entry point: configuration from the environment, fail fast, then listen. */
async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  await app.listen(config.port, config.host);
  // Graceful shutdown: stop accepting, let running requests finish, close every backend client.
  const shutdown = (signal: string): void => {
    process.stdout.write(`${signal}: shutting down\n`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.stdout.write(`Listening on http://${config.host}:${config.port} (env=${config.env})\n`);
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
