import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy, { type Busboy, type FieldInfo, type FileInfo } from 'busboy';
import { MediaInvalidUploadError, MediaNotMultipartError } from '../media-v2-storage.errors';

/** Bounds on what one multipart body may hold. */
export interface MultipartLimits {
  /** The file part is cut after this many bytes: one more than the limit, so the meter sees the excess. */
  fileBytes: number;
  fields: number;
  fieldBytes: number;
}

/** The one file part of an upload. Its stream must be consumed, or parsing stalls. */
export interface FilePart {
  filename: string;
  mimeType: string;
  stream: Readable;
}

/** Name the file part must have. */
export const FILE_FIELD = 'file';

/**
 * Reads a `multipart/form-data` request as it arrives (busboy): one file part named
 * `file`, streamed, plus short text fields. Any rule broken (second file, oversized field,
 * malformed body, client gone) rejects both promises with a 400 domain error and destroys
 * the file stream, so whatever consumes it fails too.
 */
export class MultipartReader {
  /** The file part, or null when the body ended without one. */
  readonly file: Promise<FilePart | null>;
  /** Every text field by name (repeats kept in order), once the whole body is read. */
  readonly fields: Promise<Map<string, string[]>>;
  /** The first rule broken, once one is: the real reason whatever consumed the file then failed with. */
  failure: Error | null = null;
  private readonly received = new Map<string, string[]>();
  private readonly parser: Busboy;
  private fileStream: Readable | null = null;
  private settleFile!: (file: FilePart | null) => void;
  private failFile!: (err: Error) => void;
  private settleFields!: (fields: Map<string, string[]>) => void;
  private failFields!: (err: Error) => void;

  constructor(
    private readonly request: IncomingMessage,
    private readonly limits: MultipartLimits,
  ) {
    this.file = new Promise(
      (resolve, reject) => ([this.settleFile, this.failFile] = [resolve, reject]),
    );
    this.fields = new Promise(
      (resolve, reject) => ([this.settleFields, this.failFields] = [resolve, reject]),
    );
    // Consumers may stop awaiting one promise after the other failed; never an unhandled rejection.
    this.file.catch(() => undefined);
    this.fields.catch(() => undefined);
    this.parser = this.createParser();
    this.listen();
    request.on('close', () => {
      if (!request.complete)
        this.fail(
          new MediaInvalidUploadError('the client closed the connection before the body ended'),
        );
    });
    request.pipe(this.parser);
  }

  /** Text fields received so far (those sent before the file part). */
  fieldsSoFar(): Map<string, string[]> {
    return new Map(this.received);
  }

  /**
   * Stops parsing, drops the file stream and discards the rest of the body, so the client
   * can finish sending and read the answer.
   */
  abandon(): void {
    this.request.unpipe(this.parser);
    this.request.resume();
    this.fileStream?.destroy();
  }

  private createParser(): Busboy {
    try {
      return busboy({
        headers: this.request.headers,
        defParamCharset: 'utf8',
        limits: {
          files: 1,
          fileSize: this.limits.fileBytes,
          fields: this.limits.fields,
          fieldSize: this.limits.fieldBytes,
          parts: this.limits.fields + 1,
        },
      });
    } catch (err) {
      throw new MediaNotMultipartError((err as Error).message);
    }
  }

  private listen(): void {
    const p = this.parser;
    p.on('file', (name: string, stream: Readable, info: FileInfo) =>
      this.onFile(name, stream, info),
    );
    p.on('field', (name: string, value: string, info: FieldInfo) =>
      this.onField(name, value, info),
    );
    p.on('filesLimit', () =>
      this.fail(new MediaInvalidUploadError(`send exactly one part named "${FILE_FIELD}"`)),
    );
    p.on('fieldsLimit', () =>
      this.fail(new MediaInvalidUploadError(`send at most ${this.limits.fields} text fields`)),
    );
    p.on('partsLimit', () =>
      this.fail(new MediaInvalidUploadError(`send at most ${this.limits.fields + 1} parts`)),
    );
    p.on('error', (err: Error) =>
      this.fail(new MediaInvalidUploadError(`the multipart body is malformed (${err.message})`)),
    );
    p.on('close', () => {
      this.settleFile(null);
      this.settleFields(new Map(this.received));
    });
  }

  private onFile(name: string, stream: Readable, info: FileInfo): void {
    if (name !== FILE_FIELD) {
      stream.resume();
      this.fail(
        new MediaInvalidUploadError(`the file part is named "${name}": name it "${FILE_FIELD}"`),
      );
      return;
    }
    // The consumer attaches its own listener; until then a failure must not crash the process.
    stream.on('error', () => undefined);
    this.fileStream = stream;
    this.settleFile({ filename: info.filename ?? '', mimeType: info.mimeType, stream });
  }

  private onField(name: string, value: string, info: FieldInfo): void {
    if (info.nameTruncated || info.valueTruncated) {
      this.fail(
        new MediaInvalidUploadError(
          `field "${name}" is longer than ${this.limits.fieldBytes} bytes`,
        ),
      );
      return;
    }
    this.received.set(name, [...(this.received.get(name) ?? []), value]);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.failFile(err);
    this.failFields(err);
    this.fileStream?.destroy(err);
    this.abandon();
  }
}
