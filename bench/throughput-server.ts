/**
 * Child process of bench section 9 (bench/throughput.bench.ts): serves one variant on a free
 * 127.0.0.1 port and answers the parent over IPC. Messages from the parent: `cpu` (answers
 * `process.cpuUsage()` of this process) and `stop`. Started as
 * `node -r ts-node/register/transpile-only bench/throughput-server.ts <variant>`.
 */
import './env';
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DEFAULT_FLAGS } from '../src/features/feature-flags/feature-flags.types';

export const VARIANTS = [
  'bare-express',
  'app-routed',
  'app-direct',
  'bare-fastify',
  'node-http',
] as const;
export type Variant = (typeof VARIANTS)[number];

/** What every bare peer answers: the same JSON the app's GET /feature-flags answers here. */
const body = (): unknown => ({
  flags: structuredClone(DEFAULT_FLAGS),
  source: 'default',
  version: null,
  updated_at: null,
});

@Controller('feature-flags')
class BareController {
  @Get()
  get(): unknown {
    return body();
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

type Started = { port: number; close(): Promise<unknown> };

async function listenNest(app: INestApplication): Promise<Started> {
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  return { port: address.port, close: () => app.close() };
}

async function start(variant: Variant): Promise<Started> {
  switch (variant) {
    case 'bare-express':
      return listenNest(await NestFactory.create(BareModule, { logger: false }));
    case 'bare-fastify': {
      // Loaded only where used: each child compiles what it imports, and boots faster so.
      const { FastifyAdapter } = await import('@nestjs/platform-fastify');
      return listenNest(
        await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false }),
      );
    }
    case 'app-routed':
    case 'app-direct': {
      const { bootApp } = await import('./app');
      // Logs at info, as in production; the parent sends this process's stdout to /dev/null.
      const app = await bootApp({ featureFlags: 'memory', environment: { LOG_LEVEL: 'info' } });
      if (variant === 'app-direct') {
        // The repository injected directly, without the routing proxy: the same adapter
        // class the memory route builds, in place of the proxy the module provides.
        const { FeatureFlagsService } =
          await import('../src/features/feature-flags/feature-flags.service');
        const { InMemoryFeatureFlagsRepository } =
          await import('../src/features/feature-flags/adapters/in-memory-feature-flags.repository');
        const service = app.get(FeatureFlagsService);
        (service as unknown as { flags: unknown }).flags = new InMemoryFeatureFlagsRepository();
      }
      return listenNest(app);
    }
    case 'node-http': {
      const server = createServer((_req, res) => {
        const json = JSON.stringify(body());
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        });
        res.end(json);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return {
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((resolve) => server.close(resolve)),
      };
    }
  }
}

async function main(): Promise<void> {
  const variant = process.argv[2] as Variant;
  if (!VARIANTS.includes(variant) || process.send === undefined) {
    throw new Error(
      `Usage: started by bench/throughput.bench.ts with an IPC channel and one of ${VARIANTS.join(', ')}`,
    );
  }
  const server = await start(variant);
  process.on('message', (message: unknown) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (message === 'stop') {
      void server.close().finally(() => process.exit(0));
    }
  });
  process.send({ port: server.port });
}

// The bench imports VARIANTS from here: serve only when started as the child.
if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`throughput-server: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
