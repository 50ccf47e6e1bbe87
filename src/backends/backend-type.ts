/** Backends a route may name. `memory` is refused in staging and prod. */
export const BACKEND_TYPES = ['firestore', 'redis', 's3', 'memory'] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];
