/** Deepest nesting of objects/arrays a JSON body or query may have (`{}` alone is depth 1). */
export const MAX_INPUT_DEPTH = 64;

/** At most this many not-well-formed strings are named in one error (the body may hold millions). */
const MAX_REPORTED_FIELDS = 20;

/** What {@link inspectInput} found wrong; an empty `illFormed` and false `tooDeep` mean fine. */
export interface InputFindings {
  tooDeep: boolean;
  /** Field paths (`flags.name`, `tags.0`) whose key or string value is not well-formed Unicode. */
  illFormed: string[];
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/** `String.prototype.isWellFormed` (ES2024; the compiler's lib stops at ES2023). */
const isWellFormed = (text: string): boolean =>
  (text as string & { isWellFormed(): boolean }).isWellFormed();

const childPath = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * Walks parsed input (JSON body or query) without recursion, so no nesting can overflow the
 * stack: reports nesting beyond `maxDepth` (and stops there) and strings or keys that are
 * not well-formed Unicode (lone UTF-16 surrogates), which no backend can store faithfully.
 */
export function inspectInput(root: unknown, maxDepth = MAX_INPUT_DEPTH): InputFindings {
  const illFormed: string[] = [];
  const stack: Pending[] = [{ value: root, path: '', depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      if (!isWellFormed(value)) illFormed.push(path || '(body)');
    } else if (value !== null && typeof value === 'object') {
      if (depth + 1 > maxDepth) return { tooDeep: true, illFormed };
      for (const [key, child] of Object.entries(value)) {
        const path2 = childPath(path, key);
        if (!isWellFormed(key)) illFormed.push(path2);
        stack.push({ value: child, path: path2, depth: depth + 1 });
      }
    }
    if (illFormed.length >= MAX_REPORTED_FIELDS) break;
  }
  return { tooDeep: false, illFormed: illFormed.slice(0, MAX_REPORTED_FIELDS) };
}
