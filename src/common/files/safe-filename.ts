/** Longest stored filename, in characters (code points), extension included. */
export const MAX_FILENAME_LENGTH = 120;

const FALLBACK = 'file';
const MAX_KEPT_EXTENSION = 16;

/**
 * A filename safe to use as the last segment of a storage key and in headers: the part
 * after the last `/` or `\` (browsers may send a whole client path), without control or
 * invisible format characters (bidi overrides), with anything but letters, digits, marks,
 * space and `._()+-` replaced by `_`, no run of dots (so never `..`), no leading or
 * trailing dots or spaces, at most {@link MAX_FILENAME_LENGTH} characters (the extension
 * kept when cut). Never empty: `file` when nothing is left.
 */
export function safeFilename(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{N}\p{M} ._()+-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[. ]+|[. ]+$/g, '');
  return cleaned === '' ? FALLBACK : truncate(cleaned);
}

function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_FILENAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot + 1)) : [];
  if (extension.length === 0 || extension.length > MAX_KEPT_EXTENSION)
    return chars.slice(0, MAX_FILENAME_LENGTH).join('').trimEnd();
  const stem = chars
    .slice(0, MAX_FILENAME_LENGTH - extension.length - 1)
    .join('')
    .replace(/[. ]+$/, '');
  return `${stem}.${extension.join('')}`;
}

/**
 * `Content-Disposition: attachment` for a name made by {@link safeFilename}: an ASCII
 * fallback plus the UTF-8 form (RFC 6266), so browsers save the file instead of rendering it.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /[()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
