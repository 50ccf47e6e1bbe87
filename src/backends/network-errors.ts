/**
 * Node's network error codes (`err.code`) that mean a backend is unreachable or went away
 * mid-request. One list for every driver that talks TCP, so Redis and S3 read the same
 * failure the same way.
 */
export const NETWORK_OUTAGE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/**
 * The subset of {@link NETWORK_OUTAGE_CODES} raised before anything was sent: the backend
 * refused the connection, so a write cannot have been applied.
 */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED']);

/** gRPC's wording (Firestore) for a channel that never connected: nothing was sent either. */
const GRPC_NOT_CONNECTED = 'No connection established';

/** Whether `code` (an error's `code`, when it has one) is a network outage. */
export function isNetworkOutageCode(code: unknown): boolean {
  return typeof code === 'string' && NETWORK_OUTAGE_CODES.has(code);
}

/**
 * Whether an error text (message and cause) says the request never left this process: a
 * {@link NOT_SENT_CODES} code or gRPC's never-connected channel. Read from the text because
 * drivers wrap the original error and keep only its message.
 */
export function saysNotSent(text: string): boolean {
  return text.includes(GRPC_NOT_CONNECTED) || [...NOT_SENT_CODES].some((c) => text.includes(c));
}
