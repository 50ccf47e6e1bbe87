/**
 * Architecture rules (the layers of README "Layout"), checked by `npm run lint` and proven
 * by test/architecture/dependency-rules.spec.ts on fixture trees:
 * the core (routing, backends, common, config, infra, health) never imports features;
 * backends never import routing, infra, health or the CLI; the kernel (common/) imports
 * nothing above it; routing and config never import health or infra;
 * features touch backends only from adapters/;
 * no feature imports another feature's internals (only its service, module or types file);
 * src never imports test (spec files are not cruised: they may use test utilities);
 * no circular imports.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-not-features',
      comment:
        'The control plane and the app infrastructure know no feature: kinds register themselves.',
      severity: 'error',
      from: { path: '^src/(routing|backends|common|config|infra|health)/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'backends-not-routing',
      comment:
        'Backends are vendor plumbing below the control plane: they may use the kernel (common/) and config, nothing above.',
      severity: 'error',
      from: { path: '^src/backends/' },
      to: { path: '^src/(routing|infra|health|cli)/' },
    },
    {
      name: 'kernel-standalone',
      comment:
        'common/ is the kernel (scope, ids, errors, validation, HTTP helpers): it depends on no config, routing, backend or app infrastructure.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/(config|routing|backends|infra|health|cli)/' },
    },
    {
      name: 'routing-not-app-infrastructure',
      comment: 'The control plane does not reach up into health or the app infrastructure wiring.',
      severity: 'error',
      from: { path: '^src/(routing|config)/' },
      to: { path: '^src/(health|infra)/' },
    },
    {
      name: 'backends-only-from-adapters',
      comment: 'Vendor plumbing is for adapters; services and controllers stay backend-neutral.',
      severity: 'error',
      from: { path: '^src/features/[^/]+/', pathNot: '^src/features/[^/]+/adapters/' },
      to: { path: '^src/backends/' },
    },
    {
      name: 'no-feature-internals',
      comment:
        "Use another feature's exported service (its *.service.ts, *.module.ts or *.types.ts).",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/([^/]+)/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/[^/]+\\.(service|module|types)\\.ts$'],
      },
    },
    {
      name: 'src-not-test',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.spec\\.ts$' },
  },
};
