/**
 * The s3rver command (same arguments as its `bin/s3rver.js`) with one gap closed: a listing
 * with a Delimiter. s3rver walks its folders and stops descending below a prefix once the
 * path holds the delimiter, so it only finds a common prefix when an object lies directly
 * under it: listing `tenants/t/test/` with Delimiter `/` answers no `p_web/` for an object at
 * `tenants/t/test/p_web/raw/x`, where S3 answers it. The patch lists the prefix without the
 * delimiter (s3rver walks that correctly) and folds the keys into common prefixes as S3
 * does. Listings without a delimiter are unchanged.
 */
import { dirname, join } from 'node:path';

interface ListedObject {
  key: string;
}

interface ListOptions {
  delimiter?: string;
  prefix?: string;
  maxKeys?: number;
  [option: string]: unknown;
}

interface Listing {
  objects: ListedObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
}

interface StoreProto {
  listObjects: (this: unknown, bucket: string, options: ListOptions) => Promise<Listing>;
}

const root = dirname(require.resolve('s3rver/package.json'));
// s3rver ships no types; this is the class its server uses for every listing.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const store = require(join(root, 'lib', 'stores', 'filesystem')) as { prototype: StoreProto };
const listObjects = store.prototype.listObjects;

store.prototype.listObjects = async function (bucket, options) {
  const delimiter = options.delimiter ?? '';
  if (delimiter === '') return listObjects.call(this, bucket, options);
  const prefix = options.prefix ?? '';
  const maxKeys = options.maxKeys ?? Infinity;
  const all = await listObjects.call(this, bucket, {
    ...options,
    delimiter: '',
    maxKeys: Infinity,
  });
  const commonPrefixes = new Set<string>();
  const objects: ListedObject[] = [];
  let isTruncated = false;
  for (const object of all.objects) {
    const at = object.key.slice(prefix.length).indexOf(delimiter);
    if (at !== -1) commonPrefixes.add(object.key.slice(0, prefix.length + at + delimiter.length));
    else if (objects.length < maxKeys) objects.push(object);
    else {
      isTruncated = true;
      break;
    }
  }
  return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated };
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(root, 'bin', 's3rver.js'));
