import type { DocumentData } from '@google-cloud/firestore';
import type { BudgetPolicy, UsageEvent, UsageMetadata } from '../budget.types';

/** Reads the API fields of stored documents (storage-only fields are left out). */
export function toUsageEvent(data: DocumentData): UsageEvent {
  const d = data as Record<string, unknown>;
  return {
    id: d.id as string,
    provider: d.provider as string,
    model: d.model as string,
    surface: d.surface as string,
    app: (d.app as string | null) ?? null,
    tool_id: (d.tool_id as string | null) ?? null,
    tokens_input: d.tokens_input as number,
    tokens_output: d.tokens_output as number,
    cost: d.cost as string,
    currency: d.currency as string,
    metadata: (d.metadata as UsageMetadata | undefined) ?? {},
    created_at: d.created_at as string,
    created_by: d.created_by as string,
  };
}

export function toPolicy(data: DocumentData): BudgetPolicy {
  const d = data as Record<string, unknown>;
  return {
    id: d.id as string,
    surface: d.surface as string,
    app: d.app as string,
    threshold: d.threshold as string,
    window_days: d.window_days as number,
    currency: d.currency as string,
    version: d.version as number,
    created_at: d.created_at as string,
    updated_at: d.updated_at as string,
    updated_by: d.updated_by as string,
  };
}
