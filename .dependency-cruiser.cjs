/**
 * The grader's layers, checked in CI (`npm run lint:deps`) rather than by review. Type-only imports count: a type
 * taken from a higher layer ties the layers as much as a value does.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties its files into one: break it by moving the shared type or function down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test/fixtures|test/golden)' },
  },
}
