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

/** Readers of the API fields of stored documents (storage-only fields are left out). */
export const toUsageEvent: (data: DocumentData) => UsageEvent = recordReader(
  'budget usage event',
  USAGE_EVENT,
);
export const toPolicy: (data: DocumentData) => BudgetPolicy = recordReader('budget policy', POLICY);
