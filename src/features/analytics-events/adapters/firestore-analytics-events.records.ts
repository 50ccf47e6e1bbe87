import type { DocumentData } from '@google-cloud/firestore';
import {
  CREATED,
  flatMap,
  oneOf,
  optionalText,
  readRecord,
  text,
} from '../../../backends/firestore/record-schema';
import { EVENT_TYPES, type AnalyticsEvent } from '../analytics-events.types';

const EVENT = {
  id: text,
  type: oneOf(EVENT_TYPES),
  surface: text,
  url: text,
  page_type: optionalText,
  referrer: optionalText,
  utm_source: optionalText,
  utm_medium: optionalText,
  utm_campaign: optionalText,
  utm_term: optionalText,
  utm_content: optionalText,
  seo_slug: optionalText,
  cta_id: optionalText,
  label: optionalText,
  metadata: flatMap,
  ...CREATED,
};

/** Reads the API fields of a stored document (storage-only fields are left out). */
export function toEvent(data: DocumentData): AnalyticsEvent {
  return readRecord(data, 'analytics event', EVENT);
}
