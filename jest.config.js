const fs = require('fs');
const path = require('path');

/**
 * Folders whose test files run as one suite (a `<folder>.suite.ts` beside them, see test/folder-suite.ts).
 * `TEST_FILES_SEPARATELY=1` runs every test file as its own suite instead, for a focused run of one file.
 */
const separately = process.env.TEST_FILES_SEPARATELY === '1';
const grouped = fs.readdirSync(path.join(__dirname, 'test'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(__dirname, 'test', entry.name, `${entry.name}.suite.ts`)))
  .map((entry) => entry.name);

/**
 * Unit, snapshot and property tests. TypeScript is transpiled by swc; `npm run typecheck` type-checks.
 * Speed (docs/performance.md): one worker per core (jest's default of cores − 1 runs a single worker on a
 * 2-core machine, and the parent process is idle while tests run), and test/token-stack-traces.js keeps
 * cdktf's token creation stacks out of source-map translation.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: separately ? ['**/*.test.ts'] : ['**/*.test.ts', '**/*.suite.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(separately ? [] : grouped.map((name) => `/test/${name}/[^/]+\\.test\\.ts$`))],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.js', '<rootDir>/test/token-stack-traces.js', '<rootDir>/test/schema-validated-synth.ts'],
  snapshotFormat: { printBasicPrototype: false },
  maxWorkers: '100%',
};
