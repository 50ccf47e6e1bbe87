import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parseRouteInput } from './policy/route-input.parser';
import type { RouteProblem } from './policy/route-problem';
import type { RouteInput } from './route.types';

/** A seed or routes file: `{ routes: [...] }` in YAML or JSON. */
export interface RoutesFile {
  routes: RouteInput[];
  problems: RouteProblem[];
}

/**
 * Reads a routes file and checks the shape of every route (policy comes after). A file
 * that cannot be read or parsed is one problem naming the file and what to fix.
 */
export async function readRoutesFile(path: string): Promise<RoutesFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return fileProblem(`cannot read routes file "${path}": ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    return fileProblem(
      `routes file "${path}" is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    );
  }
  const list = (doc as { routes?: unknown } | null)?.routes;
  if (!Array.isArray(list))
    return fileProblem(`routes file "${path}" must hold { routes: [ ... ] }`);
  const routes: RouteInput[] = [];
  const problems: RouteProblem[] = [];
  list.forEach((raw, i) => {
    const parsed = parseRouteInput(raw, () => `routes[${i}]`);
    if (parsed.route) routes.push(parsed.route);
    if (parsed.problems.length > 0) problems.push(...parsed.problems);
  });
  return { routes, problems };
}

function fileProblem(message: string): RoutesFile {
  return { routes: [], problems: [{ resource_kind: '-', scope: '-', message }] };
}
