import { Timestamp } from '@google-cloud/firestore';
import { MalformedDocumentError } from './document-fields';
import {
  CREATED,
  flatMap,
  jsonObject,
  oneOf,
  optionalNum,
  optionalText,
  readRecord,
  recordOrNull,
  text,
} from './record-schema';

const SCHEMA = {
  id: text,
  kind: oneOf(['a', 'b'] as const),
  note: optionalText,
  limit: optionalNum,
  metadata: flatMap,
  constraints: jsonObject,
  ...CREATED,
};

const stored = {
  id: 'x1',
  kind: 'a',
  metadata: { k: 'v', n: 1 },
  constraints_json: '{"max":2}',
  created_at: '2025-01-02T03:04:05.000Z',
  created_by: 'u_1',
  tenant_id: 't_acme',
};

describe('readRecord', () => {
  it('reads the named fields, leaving storage-only fields out', () => {
    expect(readRecord(stored, 'thing', SCHEMA)).toEqual({
      id: 'x1',
      kind: 'a',
      note: null,
      limit: null,
      metadata: { k: 'v', n: 1 },
      constraints: { max: 2 },
      created_at: '2025-01-02T03:04:05.000Z',
      created_by: 'u_1',
    });
  });

  it('reads a Firestore Timestamp as an ISO-8601 UTC string', () => {
    const at = Timestamp.fromDate(new Date('2025-01-02T03:04:05.000Z'));
    expect(readRecord({ ...stored, created_at: at }, 'thing', SCHEMA).created_at).toBe(
      '2025-01-02T03:04:05.000Z',
    );
  });

  it.each([
    ['a missing required field', { created_by: undefined }, /"created_by" should be a string/],
    ['a wrong type', { id: 7 }, /"id" should be a string but is number/],
    ['a value outside the union', { kind: 'c' }, /"kind" should be one of a, b/],
    ['broken JSON text', { constraints_json: '{' }, /"constraints_json" should be JSON text/],
    ['a nested map in a flat map', { metadata: { k: {} } }, /"metadata" should be a map/],
  ])('names the document and the field for %s', (_what, change, message) => {
    const read = () => readRecord({ ...stored, ...change }, 'thing x1', SCHEMA);
    expect(read).toThrow(MalformedDocumentError);
    expect(read).toThrow(message);
    expect(read).toThrow(/thing x1 is malformed/);
  });
});

describe('recordOrNull', () => {
  it('is null for a document that does not exist', () => {
    expect(recordOrNull({ data: () => undefined }, () => 'read')).toBeNull();
    expect(recordOrNull({ data: () => ({}) }, () => 'read')).toBe('read');
  });
});
