import { isIP } from 'node:net';

/**
 * True for names and addresses that can only mean "this machine": `localhost` (and
 * `*.localhost`), 127.0.0.0/8, `::1`, `0.0.0.0`, `::` and IPv4-mapped forms of those.
 */
export function isLoopbackOrUnspecified(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h.startsWith('::ffff:')) h = h.slice('::ffff:'.length);
  const family = isIP(h);
  if (family === 4) return h.startsWith('127.') || h === '0.0.0.0';
  if (family === 6) return isLoopbackV6(h);
  return false;
}

function isLoopbackV6(h: string): boolean {
  const groups = expandV6(h);
  if (groups === null) return false;
  const allZeroButLast = groups.slice(0, 7).every((g) => g === 0);
  return allZeroButLast && (groups[7] === 0 || groups[7] === 1);
}

function expandV6(h: string): number[] | null {
  const [head = '', tail] = h.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  const missing = 8 - a.length - b.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...a, ...new Array<number>(missing).fill(0), ...b];
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}

/** The host part of an endpoint URL, or null when it is not an absolute http(s) URL. */
export function endpointHost(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname;
  } catch {
    return null;
  }
}
