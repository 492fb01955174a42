// Lint enforces the layer boundaries of STYLE.md ("Boundaries") as errors: what each folder may
// import. Each layer below is an allow-list: a package that is not named for it is an error, and so
// is a `#` subpath or a `../` path (at any depth) into a layer it may not use. tests/, bench/,
// scripts/ and build/ may import anything. tests/unit/lint/layers.test.ts proves every rule bites.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// ---- building blocks: regex heads matched at the start of an import specifier ----------------
const pkg = (...names) => `(?:${names.join('|')})(?:/|$)`; // a package, or a subpath of it
const NODE = `(?:node:|${pkg(...builtinModules.filter((m) => /^[a-z]/.test(m) && !m.includes('/')))})`;
const UI = pkg('@mui', '@emotion', 'ag-grid-[^/]+', '@ag-grid-community', 'recharts');
const SQLITE = pkg('better-sqlite3');
const POSTGRES = pkg('pg');
const ELECTRON = pkg('electron');
const FASTIFY = pkg('fastify', 'fastify-[^/]+', '@fastify');
const REACT = pkg('react', 'react-dom', 'react-i18next', 'i18next');

/** An import specifier a layer may not use. */
const ban = (head, message) => ({ regex: `^${head}`, message: `${message} (STYLE.md Boundaries)` });
/** Any package (bare specifier) not matching `heads`: the allowed ones, and those a ban of the same layer reports with its own message. */
const onlyPackages = (heads, message) => ban(`(?![.#/])${heads.map((head) => `(?!${head})`).join('')}`, message);
/** A `#` subpath import other than the allowed ones. */
const onlySubpaths = (allowed, message) => ban(`#(?!(?:${allowed.join('|')})/)`, message);
/** A relative path that climbs (`..`) and names one of `layers` as a folder, at any depth. */
const noRelativeInto = (layers, message) => ban(`(?=\\.\\.?/)(?=(?:.*/)?\\.\\.(?:/|$)).*(?:^|/)(?:${layers.join('|')})(?:/|$)`, message);
const NOT_SOURCE = ['tests', 'bench', 'scripts', 'build', 'node_modules', 'dist'];

// Rules every layer shares: the packages that belong to one layer only.
const uiOnlyInRenderer = ban(UI, 'only renderer/ imports MUI, emotion, ag-grid or recharts');
const sqliteOnlyInStores = ban(SQLITE, 'only db/ and server/store/ import better-sqlite3');
const postgresOnlyInStore = ban(POSTGRES, 'only server/store/ imports pg');
const electronOnlyInShell = ban(ELECTRON, 'only electron/main.ts and electron/preload.ts import electron');
const noUiSqliteElectron = [uiOnlyInRenderer, sqliteOnlyInStores, electronOnlyInShell];

/** The source files under a folder. */
const src = (dir) => `${dir}/**/*.{ts,tsx,mts,cts,js,mjs}`;

const ONLY = { selector: "CallExpression[callee.property.name='only']", message: '.only must not be committed' };

/**
 * The rule entries for one layer: the bans apply to static imports and re-exports
 * (no-restricted-imports) and to `import('x')` and `require('x')` (no-restricted-syntax, which
 * replaces the base entry for these files, so the .only ban is repeated here).
 */
function layer(files, bans, ignores = []) {
  // esquery regex literals cannot hold a '/', so it is written as \u002F there.
  const literal = (regex) => `/${regex.replaceAll('/', '\\u002F')}/i`;
  const calls = bans.flatMap(({ regex, message }) => [
    { selector: `ImportExpression[source.value=${literal(regex)}]`, message },
    { selector: `CallExpression[callee.name='require'][arguments.0.value=${literal(regex)}]`, message },
  ]);
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: bans }],
      'no-restricted-syntax': ['error', ONLY, ...calls],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.test-results/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', ONLY],
    },
  },

  // shared/ is pure TypeScript: zod, and relative imports inside shared/. Nothing else.
  layer([src('shared')], [
    ban(NODE, 'shared/ is pure TypeScript: it may not import node built-ins'),
    ...noUiSqliteElectron,
    onlyPackages([NODE, UI, SQLITE, ELECTRON, pkg('zod')], 'shared/ may import no package but zod'),
    onlySubpaths(['shared'], 'shared/ may not import another layer (#db, #server, #console)'),
    noRelativeInto(['db', 'server', 'electron', 'renderer', ...NOT_SOURCE], 'shared/ may not import another layer by a relative path'),
  ]),

  // db/ (the console's SQLite cache): shared/, zod, better-sqlite3, node built-ins.
  layer([src('db')], [
    uiOnlyInRenderer,
    electronOnlyInShell,
    onlyPackages([NODE, UI, SQLITE, ELECTRON, pkg('zod')], 'db/ may import only shared/, zod, better-sqlite3 and node built-ins'),
    onlySubpaths(['shared', 'db'], 'db/ may not import #server or #console: it imports only shared/'),
    noRelativeInto(['server', 'electron', 'renderer', ...NOT_SOURCE], 'db/ may not import another layer by a relative path (only shared/)'),
  ]),

  // electron/console/ is plain Node: shared/, db/ (never better-sqlite3 itself), zod, node built-ins.
  layer([src('electron/console')], [
    ...noUiSqliteElectron,
    onlyPackages([NODE, UI, SQLITE, ELECTRON, pkg('zod')], 'electron/console/ is plain Node: it may import only shared/, db/, zod and node built-ins'),
    onlySubpaths(['shared', 'db', 'console'], 'electron/console/ may not import #server: it reaches the exchange over HTTP'),
    noRelativeInto(['server', 'renderer', ...NOT_SOURCE], 'electron/console/ may not import another layer by a relative path (only shared/ and db/)'),
    ban('(?:\\.\\.?/)*\\.\\./(?:main|preload|web-shell)(?:\\.[cm]?[jt]s)?$', 'electron/console/ may not import the Electron shell (main.ts, preload.ts, web-shell.ts)'),
  ]),

  // electron/main.ts and electron/preload.ts: shared/, electron/console/, electron, zod, node built-ins.
  layer(['electron/main.ts', 'electron/preload.ts'], [
    uiOnlyInRenderer,
    sqliteOnlyInStores,
    onlyPackages([NODE, UI, SQLITE, ELECTRON, pkg('zod')], 'electron/main.ts and electron/preload.ts may import only shared/, electron/console/, electron, zod and node built-ins'),
    onlySubpaths(['shared', 'console'], 'electron/ may not import #db or #server: it goes through electron/console/'),
    noRelativeInto(['db', 'server', 'renderer', ...NOT_SOURCE], 'electron/ may not import another layer by a relative path (only shared/ and electron/console/)'),
  ]),

  // Any other electron/ file (web-shell.ts: its HTTP is node:http): shared/, electron/console/,
  // zod, node built-ins. Not electron itself.
  layer([src('electron')], [
    ...noUiSqliteElectron,
    onlyPackages([NODE, UI, SQLITE, ELECTRON, pkg('zod')], 'electron/ files other than main.ts and preload.ts may import only shared/, electron/console/, zod and node built-ins'),
    onlySubpaths(['shared', 'console'], 'electron/ may not import #db or #server: it goes through electron/console/'),
    noRelativeInto(['db', 'server', 'renderer', ...NOT_SOURCE], 'electron/ may not import another layer by a relative path (only shared/ and electron/console/)'),
  ], ['electron/console/**', 'electron/main.ts', 'electron/preload.ts']),

  // renderer/ runs in the browser: shared/ (the bridge's types are in #shared/contract/bridge),
  // react, i18next, MUI, emotion, ag-grid, recharts; its vite.config.ts also vite and its plugins.
  ...[
    { files: [src('renderer')], ignores: ['renderer/vite.config.ts'], build: [] },
    { files: ['renderer/vite.config.ts'], ignores: [], build: [pkg('vite', '@vitejs')] },
  ].map(({ files, ignores, build }) =>
    layer(files, [
      ban(NODE, 'renderer/ runs in the browser: it may not import node built-ins'),
      sqliteOnlyInStores,
      electronOnlyInShell,
      onlyPackages([NODE, SQLITE, ELECTRON, REACT, UI, ...build], 'renderer/ may import only shared/, react, i18next, MUI, emotion, ag-grid and recharts'),
      onlySubpaths(['shared'], 'renderer/ may import only #shared/: the console, db and exchange are reached through the bridge'),
      noRelativeInto(['electron', 'db', 'server', ...NOT_SOURCE], 'renderer/ may not import another layer by a relative path (only shared/)'),
    ], ignores),
  ),

  // server/ (the exchange): shared/, zod, fastify and its plugins, sharp, exifr, pdfkit, exceljs, node built-ins;
  // better-sqlite3 and pg only in server/store/; server/domain/ is framework-free (no fastify).
  ...[
    { files: [src('server')], ignores: ['server/store/**', 'server/domain/**'], extra: [sqliteOnlyInStores, postgresOnlyInStore] },
    { files: [src('server/store')], ignores: [], extra: [] },
    { files: [src('server/domain')], ignores: [], extra: [sqliteOnlyInStores, postgresOnlyInStore, ban(FASTIFY, 'server/domain/ is framework-free: it may not import fastify')] },
  ].map(({ files, ignores, extra }) =>
    layer(files, [
      ...extra,
      uiOnlyInRenderer,
      electronOnlyInShell,
      onlyPackages([NODE, UI, SQLITE, POSTGRES, ELECTRON, FASTIFY, pkg('zod', 'sharp', 'exifr', 'pdfkit', 'exceljs')], 'server/ may import only shared/, zod, fastify and its plugins, sharp, exifr, pdfkit, exceljs and node built-ins'),
      onlySubpaths(['shared', 'server'], 'server/ may not import #db or #console: it shares only shared/ with the console'),
      noRelativeInto(['db', 'electron', 'renderer', ...NOT_SOURCE], 'server/ may not import another layer by a relative path (only shared/)'),
    ], ignores),
  ),
);
