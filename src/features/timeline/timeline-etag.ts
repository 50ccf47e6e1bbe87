import type { Response } from 'express';

/** Sets `ETag: "<version>"` (what If-Match expects back) and returns the record. */
export function withEtag<R extends { version: number }>(res: Response, record: R): R {
  res.setHeader('ETag', `"${record.version}"`);
  return record;
}

/** Description of the optional If-Match header, for OpenAPI. */
export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: 'Current version, e.g. "3"; a stale one is 409 timeline.version_conflict.',
};
