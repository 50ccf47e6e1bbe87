import type { DocumentData } from '@google-cloud/firestore';
import {
  CREATED,
  flatMap,
  instant,
  num,
  optionalText,
  readRecord,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import type { BudgetPolicy, UsageEvent } from '../budget.types';

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

/** The API fields of a stored usage event (storage-only fields are left out). */
export function toUsageEvent(data: DocumentData): UsageEvent {
  return readRecord(data, 'budget usage event', USAGE_EVENT);
}

/** The API fields of a stored policy. */
export function toPolicy(data: DocumentData): BudgetPolicy {
  return readRecord(data, 'budget policy', POLICY);
}
