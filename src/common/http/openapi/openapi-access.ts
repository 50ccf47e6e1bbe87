import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '../../auth/access.decorators';

/** How the request guard treats an operation, read from the same metadata the guard reads. */
export type OperationAccess = 'public' | 'unscoped' | 'scoped';

/**
 * The access of every controller method, keyed by the default swagger operation id
 * (`<Controller>_<method>`). The rule is resolved exactly like `RequestGuard` does
 * (handler metadata overrides class metadata), so the document cannot disagree with it.
 */
export function operationAccessById(app: INestApplication): Map<string, OperationAccess> {
  const reflector = new Reflector();
  const access = new Map<string, OperationAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const name of methodNames(controller)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as () => unknown;
        const rule =
          reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, controller]) ??
          {};
        access.set(`${controller.name}_${name}`, accessOf(rule));
      }
    }
  }
  return access;
}

function accessOf(rule: AccessRule): OperationAccess {
  if (rule.public === true) return 'public';
  return rule.unscoped === true ? 'unscoped' : 'scoped';
}

/** Methods of the controller, inherited ones included (routes shared through a base class). */
function methodNames(controller: Type): string[] {
  const names = new Set<string>();
  for (
    let proto = controller.prototype as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const isMethod = typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function';
      if (name !== 'constructor' && isMethod) names.add(name);
    }
  }
  return [...names];
}
