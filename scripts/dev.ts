import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sign } from 'jsonwebtoken';
import { symbols } from 'pino';
import { createApp } from '../src/create-app';
import { AppLogger } from '../src/infra/logging/app-logger';
import { parseDurationSeconds } from '../src/config/config-readers';
import { startFirestoreEmulator, startRedisServer, startS3Server } from '../tools/local-servers';
import { DEV } from './dev-defaults';

/** Lifetime of the printed dev token: 12 h, or less when AUTH_MAX_TOKEN_TTL is shorter. */
const DEV_TOKEN_TTL_SECONDS = Math.min(
  12 * 3600,
  parseDurationSeconds(process.env.AUTH_MAX_TOKEN_TTL ?? '24h') ?? 12 * 3600,
);

/**
 * The local run command: starts a Firestore emulator, a redis-server and an S3 server on
 * 127.0.0.1, each keeping its data under `.local/`, then the full app in `dev` with the
 * registry (on the emulator) seeded from config/routes.dev.yaml. Prints the URL and a token
 * once the start-up logs are out. Ctrl-C stops everything (the emulator saves its data).
 */
async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const dataDir = resolve(DEV.dataDir);
  await mkdir(join(dataDir, 'redis'), { recursive: true });
  await mkdir(join(dataDir, 's3'), { recursive: true });
  const firestore = await startFirestoreEmulator({
    port: DEV.firestorePort,
    dataDir: join(dataDir, 'firestore'),
  });
  const redis = await startRedisServer({ port: DEV.redisPort, dir: join(dataDir, 'redis') });
  const s3 = await startS3Server({
    port: DEV.s3Port,
    dir: join(dataDir, 's3'),
    buckets: [DEV.s3Bucket],
  });
  const stopServers = () => Promise.allSettled([firestore.stop(), redis.stop(), s3.stop()]);

  const port = Number(process.env.PORT ?? DEV.port);
  const secret = process.env.AUTH_JWT_SECRET ?? DEV.jwtSecret;
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp({
      environment: {
        ...process.env,
        APP_ENV: 'dev',
        PORT: String(port),
        HOST: '127.0.0.1',
        GCP_PROJECT_ID: DEV.gcpProjectId,
        FIRESTORE_EMULATOR_HOST: firestore.host,
        REGISTRY_STORE: 'firestore',
        REGISTRY_SEED_FILE: process.env.REGISTRY_SEED_FILE ?? DEV.seedFile,
        AUTH_JWT_SECRET: secret,
        DEV_S3_ACCESS_KEY_ID: 'S3RVER',
        DEV_S3_SECRET_ACCESS_KEY: 'S3RVER',
      },
    });
    await app.listen(port, '127.0.0.1');
  } catch (err) {
    await stopServers();
    throw err;
  }
  const token = sign(
    { sub: 'u_dev', tenants: { t_acme: 'owner', t_system: 'owner' }, registry_admin: true },
    secret,
    { algorithm: 'HS256', expiresIn: DEV_TOKEN_TTL_SECONDS },
  );
  // The start-up logs (one line per route) are still queued in the logger's asynchronous
  // stream: writing the banner to that same stream puts it after them, last on the screen.
  const logStream = streamOf(app.get(AppLogger).pino);
  logStream.write(banner(`http://127.0.0.1:${port}`, token, firestore.host, redis.port, s3));
  const shutdown = async (): Promise<void> => {
    await app.close();
    await stopServers();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** The destination a pino logger writes to (stdout when it has none of its own). */
function streamOf(logger: object): { write(text: string): unknown } {
  const stream = (logger as Record<symbol, unknown>)[symbols.streamSym] as
    { write?: unknown } | undefined;
  return typeof stream?.write === 'function'
    ? (stream as { write(text: string): unknown })
    : process.stdout;
}

function banner(
  url: string,
  token: string,
  firestoreHost: string,
  redisPort: number,
  s3: { endpoint: string },
): string {
  const hours = Math.round((DEV_TOKEN_TTL_SECONDS / 3600) * 10) / 10;
  return [
    '',
    `Routing registry (env=dev) listening on ${url}`,
    `  Firestore emulator ${firestoreHost}, redis 127.0.0.1:${redisPort}, S3 ${s3.endpoint} (bucket ${DEV.s3Bucket})`,
    `  Data kept in ${DEV.dataDir}/ (firestore, redis, s3); stop, delete ${DEV.dataDir} and start again for a clean slate.`,
    `  OpenAPI: ${url}/docs`,
    '',
    `Dev token (owner of t_acme and t_system, registry admin, ${hours} h):`,
    `  ${token}`,
    '',
    'Try:',
    `  curl -s ${url}/feature-flags -H "Authorization: Bearer ${token}" \\`,
    '    -H "X-Tenant-Id: t_acme" -H "X-Env: dev" -H "X-Project-Id: p_web"',
    '',
    'Another token into a variable (-s keeps npm quiet, so only the token is captured):',
    '  TOKEN=$(npm run -s token -- --sub u_alice --tenant t_acme:owner)',
    '',
  ].join('\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
