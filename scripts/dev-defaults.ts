/**
 * Fixed settings of the local run command (`npm run dev`). The ports are fixed because
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
