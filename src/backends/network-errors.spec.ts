import {
  isNetworkOutageCode,
  NETWORK_OUTAGE_CODES,
  NOT_SENT_CODES,
  saysNotSent,
} from './network-errors';

describe('network error codes', () => {
  it('reads Node network codes as outages and anything else as not', () => {
    expect(isNetworkOutageCode('ECONNRESET')).toBe(true);
    expect(isNetworkOutageCode('ENETUNREACH')).toBe(true);
    expect(isNetworkOutageCode('ENOENT')).toBe(false);
    expect(isNetworkOutageCode(14)).toBe(false);
    expect(isNetworkOutageCode(undefined)).toBe(false);
  });

  it('keeps the not-sent codes a subset of the outage codes', () => {
    for (const code of NOT_SENT_CODES) expect(NETWORK_OUTAGE_CODES.has(code)).toBe(true);
  });

  it('tells a refused or never-connected request from one that may have been sent', () => {
    expect(saysNotSent('redis: connect ECONNREFUSED 127.0.0.1:1')).toBe(true);
    expect(saysNotSent('firestore: 14 UNAVAILABLE: No connection established')).toBe(true);
    expect(saysNotSent('redis: read ECONNRESET')).toBe(false);
    expect(saysNotSent('Connection is closed.')).toBe(false);
  });
});
