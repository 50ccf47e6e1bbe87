/** The resource kind this module declares in the routing registry. */
export const PAGE_CONTENT_KIND = 'page_content';

/** Namespace of this kind's error codes (`page_content.not_found`, `page_content.slug_taken`, …). */
export const PAGE_ERRORS = PAGE_CONTENT_KIND;

/** The strategy-lock action publishing needs on the page's surface. */
export const PUBLISH_PAGE_ACTION = 'builder:publish_page';

export const SLUG_FORMAT = /^[a-z0-9][a-z0-9_-]{0,127}$/;
export const MAX_PAGE_TITLE = 300;
/** Largest body, counted as UTF-8 bytes of the HTML string or of the JSON text. */
export const MAX_PAGE_BODY_BYTES = 1024 * 1024;

/** A page body: a JSON document (object or array) or an HTML string. */
export type PageBody = string | Record<string, unknown> | unknown[];

/** A page without its body: what lists answer. */
export interface PageRecord {
  id: string;
  surface: string;
  /** Unique per scope and surface. */
  slug: string;
  title: string;
  published: boolean;
  published_at: string | null;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface Page extends PageRecord {
  body: PageBody;
}

/** What a caller gives to create a page. */
export interface NewPage {
  surface: string;
  slug: string;
  title: string;
  body: PageBody;
}

/** What PATCH may change. */
export type PageChanges = Partial<NewPage>;

/** A body as stored: its kind and its UTF-8 bytes (what the size limit counts). */
export interface EncodedPageBody {
  type: 'html' | 'json';
  bytes: Buffer;
}

/** True for the values a body may be: a string, an object or an array. */
export function isPageBody(value: unknown): value is PageBody {
  return typeof value === 'string' || (typeof value === 'object' && value !== null);
}

export function encodePageBody(body: PageBody): EncodedPageBody {
  return typeof body === 'string'
    ? { type: 'html', bytes: Buffer.from(body, 'utf8') }
    : { type: 'json', bytes: Buffer.from(JSON.stringify(body), 'utf8') };
}

export function decodePageBody(body: EncodedPageBody): PageBody {
  const text = body.bytes.toString('utf8');
  return body.type === 'html' ? text : (JSON.parse(text) as PageBody);
}
