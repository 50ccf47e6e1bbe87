/** The resource kind this module declares in the routing registry. */
export const SEO_KIND = 'seo';

/** Longest value of each text field, in characters. */
export const SEO_TEXT_LIMITS = {
  title: 70,
  description: 160,
  og_title: 95,
  og_description: 200,
} as const;
export const MAX_SEO_URL = 2048;

/** What a config is addressed by: one per (surface, page_type) in a scope. */
export interface SeoKey {
  surface: string;
  page_type: string;
}

/** The settable fields; a PUT replaces them all (absent = null). */
export interface SeoFields {
  title: string | null;
  description: string | null;
  og_title: string | null;
  og_description: string | null;
  /** Absolute https URL. */
  og_image_url: string | null;
  /** Absolute https URL. */
  canonical_url: string | null;
}

export const SEO_FIELD_NAMES = [
  'title',
  'description',
  'og_title',
  'og_description',
  'og_image_url',
  'canonical_url',
] as const satisfies readonly (keyof SeoFields)[];

export interface SeoConfig extends SeoKey, SeoFields {
  /** Given when the config is first created (kept by later PUTs); lists are newest first by it. */
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}
