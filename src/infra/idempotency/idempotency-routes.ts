import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Handlers a write can reach: `Idempotency-Key` applies to POSTs, and the write retry
 * advice of a 503 to every write.
 */
const WRITE_METHODS = new Set<unknown>([
  RequestMethod.POST,
  RequestMethod.PUT,
  RequestMethod.PATCH,
  RequestMethod.DELETE,
  RequestMethod.ALL,
]);

type ControllerClass = abstract new (...args: never[]) => unknown;

/**
 * Puts {@link IdempotencyInterceptor} on every write handler of the controllers of `root`'s
 * module graph, instead of registering it globally: Nest runs no interceptor machinery (an
 * rxjs chain and an AsyncResource per request) on a route that has no interceptor, and a
 * global one gave every read one. It goes where the global one ran, outside every other
 * interceptor (so the answer it records for a replay carries their headers, e.g. ETag):
 * first on the handler when the class has no interceptors of its own, else first on the
 * class. Runs before Nest scans the modules (which builds the interceptor in each
 * controller's module); it only adds metadata, once.
 */
export function applyIdempotencyToWriteHandlers(root: DynamicModule): void {
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
        decorate(controller as ControllerClass);
    }
  };
  visit(root);
}

function metadataList(key: string, target: object): unknown[] {
  return (Reflect.getMetadata(key, target) as unknown[] | undefined) ?? [];
}

function prepend(target: object): void {
  const current = metadataList(INTERCEPTORS_METADATA, target);
  if (current[0] === IdempotencyInterceptor) return;
  const others = current.filter((i) => i !== IdempotencyInterceptor);
  Reflect.defineMetadata(INTERCEPTORS_METADATA, [IdempotencyInterceptor, ...others], target);
}

function decorate(controller: ControllerClass): void {
  const writes = writeHandlers(controller);
  if (writes.length === 0) return;
  const own = metadataList(INTERCEPTORS_METADATA, controller);
  if (own.length > 0) prepend(controller);
  else for (const handler of writes) prepend(handler);
}

/** The handlers of the class (own or inherited) that answer a write method. */
export function writeHandlers(controller: ControllerClass): object[] {
  const found: object[] = [];
  for (
    let proto = controller.prototype as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const member = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof member !== 'function' || name === 'constructor') continue;
      if (WRITE_METHODS.has(Reflect.getMetadata(METHOD_METADATA, member))) found.push(member);
    }
  }
  return found;
}
