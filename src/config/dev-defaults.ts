/**
 * Fixed settings of the local run command (`npm run dev`), also used by the registry CLI's
 * `--dev` so that it talks to that stack without any variable. The ports are fixed because
 * `config/routes.dev.yaml` names them; the secret is for local use only (production must
 * set its own AUTH_JWT_SECRET).
 */
export const DEV = {
  port: 3000,
  firestorePort: 18080,
  redisPort: 16379,
  s3Port: 14569,
  s3Bucket: 'dev-bucket',
  gcpProjectId: 'routing-dev',
  seedFile: 'config/routes.dev.yaml',
  jwtSecret: 'dev-only-secret-do-not-use-in-production-0123456789',
  /** Where the local Redis and S3 servers keep their data between runs (git-ignored). */
  dataDir: '.local',
} as const;

/** The settings `npm run dev` gives the app, as environment variables (registry on the emulator). */
export const DEV_STACK_ENVIRONMENT: Readonly<Record<string, string>> = {
  APP_ENV: 'dev',
  REGISTRY_STORE: 'firestore',
  GCP_PROJECT_ID: DEV.gcpProjectId,
  FIRESTORE_EMULATOR_HOST: `127.0.0.1:${DEV.firestorePort}`,
  METADATA_SERVER_DETECTION: 'none',
};
