/**
 * Architecture rules (HOUSE-STYLE.md), checked by `npm run lint`:
 * routing never imports features; features touch backends only from adapters/;
 * no feature imports another feature's internals (only its exported service/module/types);
 * src never imports test; no circular imports.
 */
module.exports = {
  forbidden: [
    {
      name: 'routing-not-features',
      comment: 'The control plane knows no feature: kinds register themselves.',
      severity: 'error',
      from: { path: '^src/(routing|backends|common|config)/' },
      to: { path: '^src/features/' },
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
