import type { Role } from '../../src/common/request-context/principal';
import { RequestContext } from '../../src/common/request-context/request-context';
import { Scope } from '../../src/common/scope/scope';

/**
 * A real {@link RequestContext} for service unit specs, and `as()` to run code the way a
 * request of that caller would (same AsyncLocalStorage store the guard fills).
 */
export function testRequestContext(scope: Scope = Scope.of('t_unit', 'test', 'p_web')): {
  context: RequestContext;
  as<T>(caller: { sub: string; role: Role; scope?: Scope }, fn: () => Promise<T>): Promise<T>;
} {
  const context = new RequestContext();
  return {
    context,
    as: (caller, fn) =>
      context.run(() => {
        const target = caller.scope ?? scope;
        context.establish(
          {
            subject: caller.sub,
            tenants: { [target.tenantId]: caller.role },
            projects: {},
            registryAdmin: false,
          },
          target,
        );
        return fn();
      }),
  };
}
