/**
 * Unit, snapshot and property tests. TypeScript is transpiled by swc; `npm run typecheck` type-checks.
 * Speed (docs/performance.md): one worker per core (jest's default of cores − 1 runs a single worker on a
 * 2-core machine, and the parent process is idle while tests run), and test/token-stack-traces.js keeps
 * cdktf's token creation stacks out of source-map translation.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.js', '<rootDir>/test/token-stack-traces.js', '<rootDir>/test/schema-validated-synth.ts'],
  snapshotFormat: { printBasicPrototype: false },
  maxWorkers: '100%',
};
