import type { DocumentData } from '@google-cloud/firestore';
import { fields, type DocumentFields, type FlatValue } from './document-fields';

/** Reads one field of a document as a `T` (checked, see {@link DocumentFields}). */
export type FieldReader<T> = (doc: DocumentFields, name: string) => T;

/** A record's API fields and how each is read; storage-only fields are simply not named. */
export type RecordSchema = Record<string, FieldReader<unknown>>;

/** The record a {@link RecordSchema} reads. */
export type RecordOf<S extends RecordSchema> = {
  [K in keyof S]: S[K] extends FieldReader<infer T> ? T : never;
};

export const text: FieldReader<string> = (doc, name) => doc.string(name);
export const optionalText: FieldReader<string | null> = (doc, name) => doc.optionalString(name);
export const num: FieldReader<number> = (doc, name) => doc.number(name);
export const optionalNum: FieldReader<number | null> = (doc, name) => doc.optionalNumber(name);
export const bool: FieldReader<boolean> = (doc, name) => doc.boolean(name);
export const texts: FieldReader<string[]> = (doc, name) => doc.strings(name);
export const instant: FieldReader<string> = (doc, name) => doc.timestamp(name);
export const optionalInstant: FieldReader<string | null> = (doc, name) =>
  doc.optionalTimestamp(name);
export const flatMap: FieldReader<Record<string, FlatValue>> = (doc, name) => doc.flatMap(name);
/** A JSON object stored as a string in the field `name` + `_json`. */
export const jsonObject: FieldReader<Record<string, unknown>> = (doc, name) =>
  doc.jsonObject(`${name}_json`);
/** Any JSON value stored as a string in the field `name` + `_json`. */
export const jsonValue: FieldReader<unknown> = (doc, name) => doc.json(`${name}_json`);

/** One of `values`, a domain union stored as a string. */
export function oneOf<T extends string>(values: readonly T[]): FieldReader<T> {
  return (doc, name) => doc.oneOf(name, values);
}

/** Fields of a record written once: when and by whom. */
export const CREATED = { created_at: instant, created_by: text } satisfies RecordSchema;

/** Fields of a record revised in place with optimistic concurrency (`If-Match`). */
export const REVISED = {
  version: num,
  updated_at: instant,
  updated_by: text,
} satisfies RecordSchema;

/**
 * Reads the fields `schema` names from a stored document, each checked; a missing or
 * mistyped field throws a MalformedDocumentError naming `what` and the field.
 */
export function readRecord<S extends RecordSchema>(
  data: DocumentData,
  what: string,
  schema: S,
): RecordOf<S> {
  return readFields(fields(data, what), schema);
}

/** A mapper from stored documents to records of one schema (for `snap.docs.map(...)`). */
export function recordReader<S extends RecordSchema>(
  what: string,
  schema: S,
): (data: DocumentData) => RecordOf<S> {
  return (data) => readRecord(data, what, schema);
}

/** A nested map read with its own schema. */
export function nested<S extends RecordSchema>(schema: S): FieldReader<RecordOf<S>> {
  return (doc, name) => readFields(doc.nested(name), schema);
}

/** The record in a snapshot, or null when the document does not exist. */
export function recordOrNull<T>(
  snap: { data(): DocumentData | undefined },
  read: (data: DocumentData) => T,
): T | null {
  const data = snap.data();
  return data === undefined ? null : read(data);
}

function readFields<S extends RecordSchema>(doc: DocumentFields, schema: S): RecordOf<S> {
  const entries = Object.entries(schema).map(([name, read]) => [name, read(doc, name)]);
  return Object.fromEntries(entries) as RecordOf<S>;
}
