// Lint enforces the layer boundaries of STYLE.md as errors: what each folder may import.
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.test-results/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: '.only must not be committed' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['node:*', 'fs', 'path', 'electron', 'react', 'react-dom', '@mui/*', 'better-sqlite3', 'fastify', '#db/*', '#server/*', '#console/*', '../db/*', '../server/*', '../electron/*', '../renderer/*'],
        'shared/ is pure TypeScript: it imports nothing but zod',
      ),
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['electron', 'react', '@mui/*', 'fastify', '#server/*', '#console/*', '../server/*', '../electron/*', '../renderer/*'], 'db/ imports only shared/ and better-sqlite3') },
  },
  {
    files: ['electron/console/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['electron', 'react', '@mui/*', 'better-sqlite3', '#server/*', '../../server/*', '../../renderer/*'], 'electron/console/ is plain Node: shared/ and db/ only') },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['electron', 'react', '@mui/*', '#db/*', '#console/*', '../db/*', '../electron/*', '../renderer/*'], 'server/ imports only shared/') },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': restrict(['electron', 'better-sqlite3', 'fastify', 'node:*', '#db/*', '#server/*', '#console/*', '../electron/*', '../db/*', '../server/*'], 'renderer/ talks only to the bridge and imports shared/') },
  },
);
