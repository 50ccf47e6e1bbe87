import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { FirestoreServer } from '@firestore-emulator/server';

/** File (inside the data directory) holding the emulator's documents. */
export const FIRESTORE_DATA_FILE = 'documents.json';
const FORMAT = 'firestore-emulator-documents/v1';

/** One stored document: its full name and the exact protobuf `Document` the emulator serves. */
interface SavedDocument {
  name: string;
  /** `google.firestore.v1.Document` in binary wire form, base64: every value type round-trips. */
  document: string;
  created_at: string;
  updated_at: string;
}

interface SavedState {
  format: typeof FORMAT;
  documents: SavedDocument[];
}

/** The parts of the emulator's protobuf classes used here (from its own dependency). */
interface ProtoDocument {
  name: string;
  fields: unknown;
}
interface ProtoModules {
  Document: {
    new (data: { name: string; fields: unknown }): ProtoDocument;
    deserializeBinary(bytes: Uint8Array): ProtoDocument;
  };
  Write: new (data: { update: ProtoDocument }) => unknown;
}

function protoModules(): ProtoModules {
  const load = createRequire(require.resolve('@firestore-emulator/server'));
  const { Document } = load('@firestore-emulator/proto/dist/google/firestore/v1/document') as {
    Document: ProtoModules['Document'];
  };
  const { Write } = load('@firestore-emulator/proto/dist/google/firestore/v1/write') as {
    Write: ProtoModules['Write'];
  };
  return { Document, Write };
}

type EmulatorState = FirestoreServer['state'];
type EmulatorDocument = ReturnType<EmulatorState['getDocument']>;

/** Full names of every document node in the emulator's tree (existing or not). */
function documentNames(node: unknown, out: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return out;
  const record = node as Record<string, unknown>;
  if (typeof record.path === 'string' && 'fields' in record) out.push(record.path);
  for (const key of ['projects', 'databases', 'collections', 'documents']) {
    const children = record[key];
    if (typeof children === 'object' && children !== null)
      for (const child of Object.values(children)) documentNames(child, out);
  }
  return out;
}

/** Every existing document of every project and database, in a form {@link importDocuments} reads. */
export function exportDocuments(state: EmulatorState): SavedState {
  const documents: SavedDocument[] = [];
  for (const name of documentNames(state.toJSON())) {
    const doc: EmulatorDocument = state.getDocument(name);
    if (!doc.metadata.hasExist) continue;
    documents.push({
      name,
      document: Buffer.from(doc.toV1Document().serializeBinary()).toString('base64'),
      created_at: doc.metadata.createdAt.toISOString(),
      updated_at: doc.metadata.updatedAt.toISOString(),
    });
  }
  return { format: FORMAT, documents };
}

/** Writes saved documents into the emulator through its own write path, keeping their times. */
export function importDocuments(state: EmulatorState, saved: SavedState): number {
  const { Document, Write } = protoModules();
  for (const entry of saved.documents) {
    const stored = Document.deserializeBinary(Buffer.from(entry.document, 'base64'));
    // The emulator's write path refuses documents carrying times: write name and fields,
    // then restore the times below.
    const update = new Document({ name: stored.name, fields: stored.fields });
    const updatedAt = new Date(entry.updated_at);
    state.writeV1Document(
      updatedAt,
      new Write({ update }) as Parameters<EmulatorState['writeV1Document']>[1],
    );
    state.getDocument(entry.name).metadata = {
      hasExist: true,
      createdAt: new Date(entry.created_at),
      updatedAt,
    };
  }
  return saved.documents.length;
}

/** Reads `<dir>/documents.json`; null when there is none yet (first run). */
export async function readSavedDocuments(dir: string): Promise<SavedState | null> {
  const file = join(dir, FIRESTORE_DATA_FILE);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return null;
  const parsed = JSON.parse(text) as Partial<SavedState>;
  if (parsed.format !== FORMAT || !Array.isArray(parsed.documents))
    throw new Error(
      `${file} is not a Firestore emulator data file (${FORMAT}); move it away or delete it to start empty.`,
    );
  return parsed as SavedState;
}

/** Saves atomically (temp file, then rename): a crash mid-write leaves the previous file. */
export async function writeSavedDocuments(dir: string, saved: SavedState): Promise<void> {
  const file = join(dir, FIRESTORE_DATA_FILE);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(saved));
  await rename(temp, file);
}
