import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Handlers a POST can reach: `Idempotency-Key` applies to POSTs only. */
const POST_REACHABLE = new Set<unknown>([RequestMethod.POST, RequestMethod.ALL]);

/**
 * Puts {@link IdempotencyInterceptor} first among the class interceptors of every controller
 * of `root`'s module graph that has a POST handler, instead of registering it globally: Nest
 * runs no interceptor machinery (an rxjs chain and an AsyncResource per request) on routes
 * that have no interceptor, and a global one gave every route one. First among the class
 * interceptors is where the global one ran: outside the others, so the answer it records
 * for a replay carries their headers (ETag). Runs before Nest scans the modules (which
 * registers the interceptor in each controller's module); it only adds metadata, once.
 */
export function applyIdempotencyToPostControllers(root: DynamicModule): void {
  const seen = new Set<unknown>();
  const visit = (entry: unknown): void => {
    if (entry === null || entry === undefined || seen.has(entry)) return;
    seen.add(entry);
    if (typeof entry === 'object' && 'forwardRef' in entry) {
      visit((entry as { forwardRef: () => unknown }).forwardRef());
    } else if (typeof entry === 'object' && 'module' in entry) {
      const dynamic = entry as DynamicModule;
      visit(dynamic.module);
      for (const imported of dynamic.imports ?? []) visit(imported);
      for (const controller of dynamic.controllers ?? []) decorate(controller);
    } else if (typeof entry === 'function') {
      for (const imported of metadataList(MODULE_METADATA.IMPORTS, entry)) visit(imported);
      for (const controller of metadataList(MODULE_METADATA.CONTROLLERS, entry))
        decorate(controller as abstract new () => unknown);
    }
  };
  visit(root);
}

function metadataList(key: string, target: object): unknown[] {
  return (Reflect.getMetadata(key, target) as unknown[] | undefined) ?? [];
}

function decorate(controller: abstract new (...args: never[]) => unknown): void {
  if (!handlesPost(controller)) return;
  const current = metadataList(INTERCEPTORS_METADATA, controller);
  if (current.includes(IdempotencyInterceptor)) return;
  Reflect.defineMetadata(INTERCEPTORS_METADATA, [IdempotencyInterceptor, ...current], controller);
}

/** True when a handler of the class (own or inherited) answers POST. */
export function handlesPost(controller: abstract new (...args: never[]) => unknown): boolean {
  for (
    let proto = controller.prototype as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const member = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof member !== 'function' || name === 'constructor') continue;
      if (POST_REACHABLE.has(Reflect.getMetadata(METHOD_METADATA, member))) return true;
    }
  }
  return false;
}
