import { Timestamp, type DocumentData } from '@google-cloud/firestore';

/**
 * A stored document lacks a field or holds one of the wrong type. Never a client's fault
 * (it means a bug or a hand edit), so it is not a domain error: the request fails with 500
 * and the message names the document and the field.
 */
export class MalformedDocumentError extends Error {
  constructor(what: string, field: string, expected: string, found: unknown) {
    super(
      `firestore: ${what} is malformed: field "${field}" should be ${expected} but is ` +
        `${found === null ? 'null' : typeof found}`,
    );
    this.name = 'MalformedDocumentError';
  }
}

/** A JSON scalar, as flat metadata maps store them. */
export type FlatValue = string | number | boolean | null;

const isFlatValue = (v: unknown): v is FlatValue =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Typed reads of one stored document's fields: every reader checks the stored type and
 * throws {@link MalformedDocumentError} naming the field, so a record mapper needs no casts.
 * `optional…` readers take a missing field or null as null (documents written before the
 * field existed).
 */
export class DocumentFields {
  constructor(
    private readonly data: DocumentData,
    /** Names the document in errors (`budget policy web:*`). */
    private readonly what: string,
  ) {}

  string(name: string): string {
    return this.read(name, 'a string', isString);
  }

  optionalString(name: string): string | null {
    return this.optional(name, () => this.string(name));
  }

  number(name: string): number {
    return this.read(name, 'a number', (v): v is number => typeof v === 'number');
  }

  optionalNumber(name: string): number | null {
    return this.optional(name, () => this.number(name));
  }

  boolean(name: string): boolean {
    return this.read(name, 'a boolean', (v): v is boolean => typeof v === 'boolean');
  }

  /** One of `values` (a domain union stored as a string). */
  oneOf<T extends string>(name: string, values: readonly T[]): T {
    return this.read(name, `one of ${values.join(', ')}`, (v): v is T =>
      values.some((allowed) => allowed === v),
    );
  }

  strings(name: string): string[] {
    return this.read(
      name,
      'a list of strings',
      (v): v is string[] => Array.isArray(v) && v.every(isString),
    );
  }

  /**
   * An instant as an ISO-8601 UTC string. The app stores strings (kept exactly as stored,
   * since they are also sort keys); a Firestore `Timestamp` (a console edit, an import) is
   * converted.
   */
  timestamp(name: string): string {
    const value: unknown = this.data[name];
    if (value instanceof Timestamp) return value.toDate().toISOString();
    return this.string(name);
  }

  optionalTimestamp(name: string): string | null {
    return this.optional(name, () => this.timestamp(name));
  }

  /** A string, number or boolean (a value of a flat map of settings). */
  scalar(name: string): string | number | boolean {
    return this.read(name, 'a string, number or boolean', (v): v is string | number | boolean =>
      ['string', 'number', 'boolean'].includes(typeof v),
    );
  }

  /** A map of JSON scalars; missing is an empty map. */
  flatMap(name: string): Record<string, FlatValue> {
    return (
      this.optional(name, () =>
        this.read(
          name,
          'a map of scalars',
          (v): v is Record<string, FlatValue> =>
            isPlainMap(v) && Object.values(v).every(isFlatValue),
        ),
      ) ?? {}
    );
  }

  /** A nested map, read with the same checks (missing is an empty map). */
  nested(name: string): DocumentFields {
    const map = this.optional(name, () => this.read(name, 'a map', isPlainMap)) ?? {};
    return new DocumentFields(map, `${this.what} (${name})`);
  }

  /** The names of this document's (or nested map's) fields. */
  names(): string[] {
    return Object.keys(this.data);
  }

  /** A JSON value stored as a string (any nesting fits, no key needs escaping). */
  json(name: string): unknown {
    const text = this.string(name);
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed;
    } catch {
      throw new MalformedDocumentError(this.what, name, 'JSON text', text);
    }
  }

  /** A JSON object stored as a string. */
  jsonObject(name: string): Record<string, unknown> {
    const value = this.json(name);
    if (!isPlainMap(value))
      throw new MalformedDocumentError(this.what, name, 'a JSON object', value);
    return value;
  }

  private read<T>(name: string, expected: string, is: (v: unknown) => v is T): T {
    const value: unknown = this.data[name];
    if (!is(value)) throw new MalformedDocumentError(this.what, name, expected, value);
    return value;
  }

  private optional<T>(name: string, read: () => T): T | null {
    const value: unknown = this.data[name];
    return value === undefined || value === null ? null : read();
  }
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Timestamp);
}

/** Typed reads of a stored document's data (see {@link DocumentFields}). */
export function fields(data: DocumentData, what: string): DocumentFields {
  return new DocumentFields(data, what);
}
