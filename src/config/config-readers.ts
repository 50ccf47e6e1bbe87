import { levels } from 'pino';
import type { Env } from '../common/scope/scope';

/** Pino's own levels plus `silent`; any other name makes pino throw at start. */
export const LOG_LEVELS: readonly string[] = [...Object.keys(levels.values), 'silent'];

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Parses a duration: whole seconds (`86400`) or a whole number with one unit `s`, `m`, `h`
 * or `d` (`90m`, `24h`, `7d`). Returns seconds, or null when the text is neither.
 */
export function parseDurationSeconds(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (match === null) return null;
  const unit = DURATION_UNITS[(match[2] ?? '').toLowerCase() || 's'] ?? 1;
  return Number(match[1]) * unit;
}

/** Reads a duration variable in seconds within [min, max]; records a problem when it is not one. */
export function readDurationSeconds(
  name: string,
  value: string | undefined,
  fallback: number,
  bounds: { min: number; max: number },
  problems: string[],
): number {
  if (value === undefined) return fallback;
  const seconds = parseDurationSeconds(value);
  if (seconds === null || seconds < bounds.min || seconds > bounds.max) {
    problems.push(
      `${name} must be a duration from ${bounds.min} s to ${bounds.max} s, written as seconds ` +
        `("86400") or with a unit s, m, h or d ("24h", "90m"); got "${value}".`,
    );
    return fallback;
  }
  return seconds;
}

/** Reads `LOG_LEVEL`; a name pino does not know is a configuration problem, not a crash. */
export function readLogLevel(value: string | undefined, problems: string[]): string {
  if (value === undefined) return 'info';
  const level = value.toLowerCase();
  if (!LOG_LEVELS.includes(level)) {
    problems.push(`LOG_LEVEL "${value}" is not one of ${LOG_LEVELS.join(', ')}.`);
    return 'info';
  }
  return level;
}

/**
 * Reads `ALLOW_FIRESTORE_EMULATOR` and refuses `FIRESTORE_EMULATOR_HOST` in staging/prod
 * without it: an emulator loses every route and document at restart, which is the failure
 * this service exists to prevent.
 */
export function readAllowEmulator(
  value: string | undefined,
  emulatorHost: string | null,
  env: Env | null,
  problems: string[],
): boolean {
  const text = (value ?? 'false').toLowerCase();
  if (text !== 'true' && text !== 'false') {
    problems.push(`ALLOW_FIRESTORE_EMULATOR must be true or false; got "${value}".`);
    return false;
  }
  const allowed = text === 'true';
  if (emulatorHost !== null && !allowed && (env === 'staging' || env === 'prod')) {
    problems.push(
      `FIRESTORE_EMULATOR_HOST is set in ${env}: the registry and every Firestore route would ` +
        'run on an emulator that keeps nothing across restarts. Unset FIRESTORE_EMULATOR_HOST, ' +
        'or set ALLOW_FIRESTORE_EMULATOR=true for a test deployment.',
    );
  }
  return allowed;
}

/** An integer variable within [min, max]; the fallback when unset (a problem when invalid). */
export function readInt(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}; got "${value}".`);
    return fallback;
  }
  return n;
}
