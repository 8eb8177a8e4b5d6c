const tseslint = require('typescript-eslint');

const rootImportMessage =
  'Import provider classes by deep path (for example @cdktf/provider-google/lib/container-cluster): ' +
  'a package-root import loads every resource of the provider (seconds and hundreds of MB per process).';

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '**/cdktf.out/**', '.gen/**', 'bench/out/**', 'coverage/**',
    // Written with package-root imports on purpose: the benchmark's "typical user" comparison.
    'bench/typical-user/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^@cdktf/provider-(google|google-beta|kubernetes)(/lib)?/?$', message: rootImportMessage }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'] > Literal[value=/^@cdktf\\/provider-(google|google-beta|kubernetes)(\\/lib)?\\/?$/]",
        message: rootImportMessage,
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
