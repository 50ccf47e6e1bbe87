import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sign } from 'jsonwebtoken';
import { createApp } from '../src/create-app';
import { startFirestoreEmulator, startRedisServer, startS3Server } from '../tools/local-servers';
import { DEV } from './dev-defaults';

/**
 * The local run command: starts a Firestore emulator, a redis-server and an S3 server on
 * 127.0.0.1, then the full app in `dev` with the registry (on the emulator) seeded from
 * config/routes.dev.yaml. Prints the URL and a token. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const dataDir = resolve(DEV.dataDir);
  await mkdir(join(dataDir, 'redis'), { recursive: true });
  await mkdir(join(dataDir, 's3'), { recursive: true });
  const firestore = await startFirestoreEmulator({ port: DEV.firestorePort });
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
    {
      algorithm: 'HS256',
      expiresIn: '12h',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  process.stdout.write(
    [
      '',
      `Routing registry (env=dev) listening on ${url}`,
      `  Firestore emulator ${firestore.host}, redis 127.0.0.1:${redis.port}, S3 ${s3.endpoint} (bucket ${DEV.s3Bucket})`,
      `  OpenAPI: ${url}/docs`,
      '',
      `Dev token (owner of t_acme and t_system, registry admin, 12 h):`,
      `  ${token}`,
      '',
      'Try:',
      `  curl -s ${url}/feature-flags -H "Authorization: Bearer ${token}" \\`,
      '    -H "X-Tenant-Id: t_acme" -H "X-Env: dev" -H "X-Project-Id: p_web"',
      '',
    ].join('\n'),
  );
  const shutdown = async (): Promise<void> => {
    await app.close();
    await stopServers();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
