import type { ScopeRecord } from '../../common/scope-data/scope-data';
import { SEO_FIELD_NAMES, type SeoConfig, type SeoKey } from './seo.types';

/**
 * The one collection of a seo scope in a move's record stream: a record per config, the
 * config as the port returns it (id, version and timestamps kept), identified by its key
 * (every adapter stores a config under its key, not its id).
 */
export const SEO_CONFIGS = 'configs';

/** A config's record id: `surface:page_type`, both parts escaped so no two keys meet. */
export function seoRecordId(key: SeoKey): string {
  return `${encodeURIComponent(key.surface)}:${encodeURIComponent(key.page_type)}`;
}

/** The record a move carries for a config; a missing settable field is null, as Firestore returns it. */
export function seoRecord(config: SeoConfig): ScopeRecord {
  const fields = Object.fromEntries(SEO_FIELD_NAMES.map((name) => [name, config[name] ?? null]));
  return { collection: SEO_CONFIGS, id: seoRecordId(config), data: { ...config, ...fields } };
}

/**
 * The config a record carries, refusing records of another collection or whose id is not
 * the config's key. Fields are not checked here: the Firestore adapter reads them with its
 * document reader.
 */
export function seoOfRecord(record: ScopeRecord): SeoConfig {
  const config = record.data as SeoConfig | null;
  if (record.collection !== SEO_CONFIGS || config === null || seoRecordId(config) !== record.id) {
    throw new Error(`seo: no config record: ${record.collection}/${record.id}`);
  }
  return config;
}
