import type { DocumentData } from '@google-cloud/firestore';
import {
  CREATED,
  flatMap,
  instant,
  num,
  optionalText,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { escapeSegment } from '../../../backends/scope-path';
import type { BudgetPolicy, UsageEvent } from '../budget.types';

/** `surface:app`, each escaped (`*` stays `*`; no surface or app can be `*`). */
export const policyId = (surface: string, app: string): string =>
  `${escapeSegment(surface)}:${escapeSegment(app)}`;

const USAGE_EVENT = {
  id: text,
  provider: text,
  model: text,
  surface: text,
  app: optionalText,
  tool_id: optionalText,
  tokens_input: num,
  tokens_output: num,
  cost: text,
  currency: text,
  metadata: flatMap,
  ...CREATED,
};

const POLICY = {
  id: text,
  surface: text,
  app: text,
  threshold: text,
  window_days: num,
  currency: text,
  created_at: instant,
  ...REVISED,
};

/** Readers of the API fields of stored documents (storage-only fields are left out). */
export const toUsageEvent: (data: DocumentData) => UsageEvent = recordReader(
  'budget usage event',
  USAGE_EVENT,
);
export const toPolicy: (data: DocumentData) => BudgetPolicy = recordReader('budget policy', POLICY);
