import { timeSortKey } from '../../common/ids/time-key';

/** The resource kind this module declares in the routing registry. */
export const BUDGET_KIND = 'budget';

/** In a policy, "any surface" or "any app". */
export const ANY = '*';

/** Surfaces, apps and providers: lower-case, starts with a letter or digit, 1..64 chars. */
export const BUDGET_KEY_FORMAT = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
/** Model names as providers spell them (`gpt-4o-mini`, `models/gemini-1.5-pro`, `org/Model@v2`). */
export const MODEL_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.:/@+-]{0,127}$/;
export const TOOL_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
/** ISO 4217 code. */
export const CURRENCY_FORMAT = /^[A-Z]{3}$/;
/** A non-negative decimal: up to 18 integer digits and 10 decimals, no sign or exponent. */
export const DECIMAL_FORMAT = /^(0|[1-9]\d{0,17})(\.\d{1,10})?$/;

/** What a request must fix when a key does not match {@link BUDGET_KEY_FORMAT}. */
export const budgetKeyMessage = (field: string): string =>
  `${field} must be 1..64 characters: lower-case letters, digits, "_", "." or "-", starting with a letter or digit`;

/** What a request must fix when an amount does not match {@link DECIMAL_FORMAT}. */
export const decimalMessage = (field: string): string =>
  `${field} must be a decimal string ≥ 0 with at most 18 integer digits and 10 decimals, e.g. "0.0125"`;

/** Most usage events one `POST /budget/usage` accepts (one Firestore batch). */
export const MAX_EVENTS_PER_POST = 500;
/** Longest window of summaries, checks and policies. */
export const MAX_WINDOW_DAYS = 366;

export const USAGE_GROUP_BY = ['provider', 'surface', 'model', 'tool_id'] as const;
export type UsageGroupBy = (typeof USAGE_GROUP_BY)[number];

/** Flat metadata: short keys, primitive values. */
export type UsageMetadata = Record<string, string | number | boolean | null>;

/** One usage event as a client reports it. `cost` is a decimal string (never a float). */
export interface UsageEventInput {
  provider: string;
  model: string;
  surface: string;
  /** The app the spend is for, when the caller knows it; policies may be per app. */
  app: string | null;
  tool_id: string | null;
  tokens_input: number;
  tokens_output: number;
  cost: string;
  currency: string;
  metadata: UsageMetadata;
}

/** A stored usage event (append-only). */
export interface UsageEvent extends UsageEventInput {
  id: string;
  created_at: string;
  created_by: string;
}

/** Equality filters plus time bounds (`since` inclusive, `until` exclusive, ISO-8601 UTC). */
export interface UsageFilter {
  since?: string;
  until?: string;
  surface?: string;
  provider?: string;
  tool_id?: string;
  app?: string;
  currency?: string;
}

/** A keyset page request: `before` is the position of the last item of the previous page. */
export interface KeysetPage {
  limit: number;
  before?: string;
}

/** Position of a usage event in "newest first" order: creation time, then id ({@link timeSortKey}). */
export function usageSortKey(e: Pick<UsageEvent, 'created_at' | 'id'>): string {
  return timeSortKey(e.created_at, e.id);
}

/** What a policy write carries; `surface`/`app` are `*` for "any". */
export interface BudgetPolicyInput {
  surface: string;
  app: string;
  /** Decimal string: the most that may be spent over the window, in `currency`. */
  threshold: string;
  window_days: number;
  currency: string;
}

/** The one policy of a `(surface|*, app|*)` pair in a scope. */
export interface BudgetPolicy extends BudgetPolicyInput {
  /** Sortable id given on first write; kept by later replacements. */
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** Totals of one group of a usage summary. */
export interface UsageGroupTotals {
  key: string | null;
  count: number;
  /** Exact decimal sums per currency (costs of different currencies are never added). */
  cost_by_currency: Record<string, string>;
  tokens_input: number;
  tokens_output: number;
}

/** What `GET /budget/usage/summary` answers. */
export interface UsageSummary {
  group_by: UsageGroupBy;
  window_days: number;
  since: string;
  events: number;
  groups: UsageGroupTotals[];
}

/** What `GET /budget/check` answers; money is in decimal strings of `currency`. */
export interface BudgetCheck {
  allowed: boolean;
  spent: string;
  threshold: string;
  /** `threshold - spent`, or "0" once spending has reached the threshold. */
  remaining: string;
  cost: string;
  currency: string;
  window_days: number;
  since: string;
  policy: { id: string; surface: string; app: string };
}

/**
 * Start (inclusive, ISO-8601 UTC) of the window of the last `days` days, rounded down to the
 * minute: a window of whole minutes is answered from running totals alone (no raw events at
 * its edge), and is at most a minute longer than `days` days.
 */
export function windowStart(days: number, now = Date.now()): string {
  return new Date(Math.floor((now - days * 86_400_000) / 60_000) * 60_000).toISOString();
}
