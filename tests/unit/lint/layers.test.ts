import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js (STYLE.md "Boundaries"), proven against code linted as if it
// lived at a path inside the layer (lintText with a virtual filePath: the files need not exist,
// and the config is not type-aware). Files under tests/ may import anything, so real fixture files
// here would prove nothing about the layers.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages;
}

/** A module that imports `spec` and uses it, so no other rule (unused vars) has anything to say. */
const importing = (spec: string) => `import * as m from '${spec}';\nexport { m };\n`;

const describeMessages = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.ruleId}: ${m.message}`).join('\n');

/** `code` at `filePath` must fail exactly once, as an error of `ruleId` whose message says `says`. */
async function expectBroken(filePath: string, code: string, says: string, ruleId = 'no-restricted-imports') {
  const messages = await lint(filePath, code);
  expect(messages, describeMessages(messages)).toHaveLength(1);
  expect(messages[0]).toMatchObject({ ruleId, severity: 2 });
  expect(messages[0]!.message).toContain(says);
}

async function expectClean(filePath: string, code: string) {
  const messages = await lint(filePath, code);
  expect(messages, describeMessages(messages)).toEqual([]);
}

// What each rule's message says (the tail of eslint.config.js's message for that rule).
const SAYS = {
  ui: 'only renderer/ imports MUI, emotion, ag-grid or recharts',
  sqlite: 'only db/ and server/store/ import better-sqlite3',
  postgres: 'only server/store/ imports pg',
  electron: 'only electron/main.ts and electron/preload.ts import electron',
  sharedNode: 'shared/ is pure TypeScript: it may not import node built-ins',
  sharedPackages: 'shared/ may import no package but zod',
  sharedSubpath: 'shared/ may not import another layer (#db, #server, #console)',
  sharedRelative: 'shared/ may not import another layer by a relative path',
  dbPackages: 'db/ may import only shared/, zod, better-sqlite3 and node built-ins',
  dbSubpath: 'db/ may not import #server or #console',
  dbRelative: 'db/ may not import another layer by a relative path',
  consolePackages: 'electron/console/ is plain Node: it may import only shared/, db/, zod and node built-ins',
  consoleSubpath: 'electron/console/ may not import #server',
  consoleRelative: 'electron/console/ may not import another layer by a relative path',
  consoleShell: 'electron/console/ may not import the Electron shell',
  mainPackages: 'electron/main.ts and electron/preload.ts may import only shared/, electron/console/, electron, zod and node built-ins',
  shellPackages: 'electron/ files other than main.ts and preload.ts may import only shared/, electron/console/, zod and node built-ins',
  electronSubpath: 'electron/ may not import #db or #server',
  electronRelative: 'electron/ may not import another layer by a relative path',
  rendererNode: 'renderer/ runs in the browser: it may not import node built-ins',
  rendererPackages: 'renderer/ may import only shared/, react, i18next, MUI, emotion, ag-grid and recharts',
  rendererSubpath: 'renderer/ may import only #shared/',
  rendererRelative: 'renderer/ may not import another layer by a relative path',
  serverPackages: 'server/ may import only shared/, zod, fastify and its plugins, sharp, exifr, pdfkit, exceljs and node built-ins',
  serverSubpath: 'server/ may not import #db or #console',
  serverRelative: 'server/ may not import another layer by a relative path',
  domainFastify: 'server/domain/ is framework-free: it may not import fastify',
} as const;

type Case = [name: string, filePath: string, spec: string, says: keyof typeof SAYS];

const BROKEN: Case[] = [
  // shared/
  ['shared/ may not import the db layer by a relative path', 'shared/rules/__fixture__.ts', '../../db/cache', 'sharedRelative'],
  ['shared/ may not import the electron layer by a relative path', 'shared/rules/__fixture__.ts', '../../electron/console/service', 'sharedRelative'],
  ['shared/ may not import the db layer by a relative path that wanders', 'shared/rules/__fixture__.ts', './../domain/../../db/cache', 'sharedRelative'],
  ['shared/ may not import the db layer by its # subpath', 'shared/rules/__fixture__.ts', '#db/cache', 'sharedSubpath'],
  ['shared/ may not import the exchange by its # subpath', 'shared/domain/__fixture__.ts', '#server/app', 'sharedSubpath'],
  ['shared/ may not import recharts (only renderer/ may)', 'shared/rules/__fixture__.ts', 'recharts', 'ui'],
  ['shared/ may not import sharp (no package but zod)', 'shared/rules/__fixture__.ts', 'sharp', 'sharedPackages'],
  ['shared/ may not import react (no package but zod)', 'shared/__fixture__.ts', 'react', 'sharedPackages'],
  ['shared/ may not import node:fs', 'shared/rules/__fixture__.ts', 'node:fs', 'sharedNode'],
  ['shared/ may not import a node built-in without the node: prefix', 'shared/data/__fixture__.ts', 'path', 'sharedNode'],
  ['shared/ may not import better-sqlite3', 'shared/__fixture__.ts', 'better-sqlite3', 'sqlite'],
  // db/
  ['db/ may not import the exchange by its # subpath', 'db/repos/__fixture__.ts', '#server/app', 'dbSubpath'],
  ['db/ may not import the console by its # subpath', 'db/__fixture__.ts', '#console/service', 'dbSubpath'],
  ['db/ may not import the console by a relative path', 'db/repos/__fixture__.ts', '../../electron/console/x', 'dbRelative'],
  ['db/ may not import the exchange by a relative path', 'db/migrations/__fixture__.ts', '../../server/store/store', 'dbRelative'],
  ['db/ may not import MUI (only renderer/ may)', 'db/__fixture__.ts', '@mui/material', 'ui'],
  ['db/ may not import fastify', 'db/__fixture__.ts', 'fastify', 'dbPackages'],
  ['db/ may not import react', 'db/repos/__fixture__.ts', 'react', 'dbPackages'],
  ['db/ may not import electron', 'db/__fixture__.ts', 'electron', 'electron'],
  // electron/console/
  ['electron/console/ may not import better-sqlite3 (only db/ does)', 'electron/console/__fixture__.ts', 'better-sqlite3', 'sqlite'],
  ['electron/console/ may not import electron', 'electron/console/__fixture__.ts', 'electron', 'electron'],
  ['electron/console/ may not import the exchange by its # subpath', 'electron/console/__fixture__.ts', '#server/app', 'consoleSubpath'],
  ['electron/console/ may not import the exchange by a relative path', 'electron/console/__fixture__.ts', '../../server/app', 'consoleRelative'],
  ['electron/console/ may not import the renderer by a relative path', 'electron/console/__fixture__.ts', '../../renderer/app/bridge', 'consoleRelative'],
  ['electron/console/ may not import recharts (only renderer/ may)', 'electron/console/__fixture__.ts', 'recharts', 'ui'],
  ['electron/console/ may not import fastify', 'electron/console/__fixture__.ts', 'fastify', 'consolePackages'],
  ['electron/console/ may not import react', 'electron/console/__fixture__.ts', 'react', 'consolePackages'],
  ['electron/console/ may not import the Electron shell', 'electron/console/__fixture__.ts', '../main', 'consoleShell'],
  ['electron/console/ may not import the web shell', 'electron/console/__fixture__.ts', '../web-shell.ts', 'consoleShell'],
  // electron/ other than console/
  ['electron/ files other than main.ts and preload.ts may not import electron', 'electron/__fixture__.ts', 'electron', 'electron'],
  ['electron/web-shell.ts may not import electron', 'electron/web-shell.ts', 'electron', 'electron'],
  ['electron/web-shell.ts may not import better-sqlite3', 'electron/web-shell.ts', 'better-sqlite3', 'sqlite'],
  ['electron/web-shell.ts may not import the exchange by its # subpath', 'electron/web-shell.ts', '#server/app', 'electronSubpath'],
  ['electron/web-shell.ts may not import db/ by its # subpath (it goes through electron/console/)', 'electron/web-shell.ts', '#db/cache', 'electronSubpath'],
  ['electron/web-shell.ts may not import fastify', 'electron/web-shell.ts', 'fastify', 'shellPackages'],
  ['electron/main.ts may not import the exchange by its # subpath', 'electron/main.ts', '#server/app', 'electronSubpath'],
  ['electron/main.ts may not import db/ by its # subpath', 'electron/main.ts', '#db/cache', 'electronSubpath'],
  ['electron/main.ts may not import db/ by a relative path', 'electron/main.ts', '../db/cache', 'electronRelative'],
  ['electron/main.ts may not import react', 'electron/main.ts', 'react', 'mainPackages'],
  ['electron/main.ts may not import better-sqlite3', 'electron/main.ts', 'better-sqlite3', 'sqlite'],
  ['electron/preload.ts may not import MUI', 'electron/preload.ts', '@mui/material', 'ui'],
  ['electron/preload.ts may not import the renderer by a relative path', 'electron/preload.ts', '../renderer/app/bridge', 'electronRelative'],
  // renderer/
  ['renderer/ may not import node:fs', 'renderer/features/queue/__fixture__.tsx', 'node:fs', 'rendererNode'],
  ['renderer/ may not import a node built-in without the node: prefix', 'renderer/app/__fixture__.ts', 'path', 'rendererNode'],
  ['renderer/ may not import better-sqlite3', 'renderer/app/__fixture__.ts', 'better-sqlite3', 'sqlite'],
  ['renderer/ may not import electron', 'renderer/app/__fixture__.ts', 'electron', 'electron'],
  ['renderer/ may not import the console by a relative path', 'renderer/features/queue/__fixture__.tsx', '../../../electron/console/x', 'rendererRelative'],
  ['renderer/ may not import db/ by a relative path', 'renderer/app/__fixture__.ts', '../../db/cache', 'rendererRelative'],
  ['renderer/ may not import the exchange by a relative path', 'renderer/features/applications/dialogs/__fixture__.tsx', '../../../../server/app', 'rendererRelative'],
  ['renderer/ may not import db/ by its # subpath', 'renderer/app/__fixture__.ts', '#db/cache', 'rendererSubpath'],
  ['renderer/ may not import the exchange by its # subpath', 'renderer/app/__fixture__.ts', '#server/app', 'rendererSubpath'],
  ['renderer/ may not import the console by its # subpath', 'renderer/app/__fixture__.ts', '#console/x', 'rendererSubpath'],
  ['renderer/ may not import fastify', 'renderer/app/__fixture__.ts', 'fastify', 'rendererPackages'],
  ['renderer/ code other than vite.config.ts may not import vite', 'renderer/app/__fixture__.ts', 'vite', 'rendererPackages'],
  ['renderer/vite.config.ts may not import node built-ins either', 'renderer/vite.config.ts', 'node:url', 'rendererNode'],
  // server/
  ['server/ may not import db/ by its # subpath', 'server/routes/__fixture__.ts', '#db/cache', 'serverSubpath'],
  ['server/ may not import the console by its # subpath', 'server/__fixture__.ts', '#console/service', 'serverSubpath'],
  ['server/ may not import electron/ by a relative path', 'server/routes/__fixture__.ts', '../../electron/x', 'serverRelative'],
  ['server/ may not import db/ by a relative path', 'server/store/sqlite/__fixture__.ts', '../../../db/open', 'serverRelative'],
  ['server/ may not import react', 'server/routes/__fixture__.ts', 'react', 'serverPackages'],
  ['server/ may not import MUI (only renderer/ may)', 'server/routes/__fixture__.ts', '@mui/material', 'ui'],
  ['server/ may not import ag-grid (only renderer/ may)', 'server/routes/__fixture__.ts', 'ag-grid-react', 'ui'],
  ['server/ may not import electron', 'server/__fixture__.ts', 'electron', 'electron'],
  ['server/domain/ may not import fastify', 'server/domain/__fixture__.ts', 'fastify', 'domainFastify'],
  ['server/domain/ may not import a fastify plugin', 'server/domain/__fixture__.ts', '@fastify/multipart', 'domainFastify'],
  ['server/domain/ may not import better-sqlite3', 'server/domain/__fixture__.ts', 'better-sqlite3', 'sqlite'],
  ['server/routes/ may not import better-sqlite3 (only server/store/ may)', 'server/routes/__fixture__.ts', 'better-sqlite3', 'sqlite'],
  ['server/ outside store/ may not import better-sqlite3', 'server/app.ts', 'better-sqlite3', 'sqlite'],
  ['server/domain/ may not import pg', 'server/domain/__fixture__.ts', 'pg', 'postgres'],
  ['server/routes/ may not import pg (only server/store/ may)', 'server/routes/__fixture__.ts', 'pg', 'postgres'],
  ['db/ may not import pg', 'db/repos/__fixture__.ts', 'pg', 'dbPackages'],
];

const CLEAN: [name: string, filePath: string, specs: string[]][] = [
  ['shared/ may import zod, other shared/ files and #shared/*', 'shared/rules/__fixture__.ts', ['zod', './y', '../domain/items', '#shared/domain/items']],
  ['db/ may import better-sqlite3, zod, node built-ins, shared/ and itself', 'db/repos/__fixture__.ts', ['better-sqlite3', 'zod', 'node:path', '#shared/domain/items', '../../shared/errors', '../open', '#db/open']],
  ['electron/console/ may import shared/, db/, zod and node built-ins', 'electron/console/__fixture__.ts', ['#shared/errors', '#db/cache', '#db/repos/outbox', '../../db/cache', '#console/events', './events', 'zod', 'node:crypto', 'node:fs/promises']],
  ['electron/main.ts may import electron, electron/console/, shared/ and node built-ins', 'electron/main.ts', ['electron', '#console/service', './console/dispatch', '#shared/contract/bridge', 'zod', 'node:fs']],
  ['electron/preload.ts may import electron and shared/', 'electron/preload.ts', ['electron', '#shared/contract/bridge']],
  ['electron/web-shell.ts may import node:http, electron/console/ and shared/', 'electron/web-shell.ts', ['node:http', 'node:crypto', '#console/service', '#console/dispatch', '#shared/errors']],
  ['renderer/ may import react, MUI, emotion, ag-grid, recharts, i18next and shared/', 'renderer/features/queue/__fixture__.tsx', ['react', 'react-dom/client', '@mui/material', '@mui/icons-material/Sync', '@emotion/react', 'ag-grid-react', 'ag-grid-community', '@ag-grid-community/locale', 'recharts', 'i18next', 'react-i18next', '#shared/domain/items', '#shared/contract/bridge', '../../app/bridge', './columns']],
  ['renderer/vite.config.ts may import vite and its plugins', 'renderer/vite.config.ts', ['vite', '@vitejs/plugin-react']],
  ['server/routes/ may import fastify, its plugins, zod, shared/ and the rest of server/', 'server/routes/__fixture__.ts', ['fastify', '@fastify/multipart', 'zod', '#shared/contract/api', '../store/store', '../app', '#server/app', 'node:crypto']],
  ['server/ may import sharp and exifr', 'server/seed/__fixture__.ts', ['sharp', 'exifr', 'node:fs']],
  ['server/store/ may import better-sqlite3', 'server/store/sqlite/__fixture__.ts', ['better-sqlite3', 'node:fs', 'node:worker_threads', '../store']],
  ['server/store/ may import pg', 'server/store/pg/__fixture__.ts', ['pg', 'node:crypto', '../store', '../sqlite/audit']],
  ['server/domain/ may import exifr, zod, node built-ins and shared/', 'server/domain/__fixture__.ts', ['exifr', 'zod', 'node:crypto', '#shared/domain/items', './visibility']],
  ['tests/ may import anything', 'tests/unit/__fixture__.test.ts', ['better-sqlite3', 'electron', '#server/app', '#db/cache', '#console/service', '@mui/material', 'recharts', 'fastify', '../../db/cache', 'node:fs']],
  ['bench/ may import anything', 'bench/__fixture__.ts', ['better-sqlite3', 'electron', '#server/app', '#db/cache', 'recharts', '../db/cache']],
  ['scripts/ may import anything', 'scripts/__fixture__.ts', ['electron', '#server/app', '#console/service', 'react']],
  ['build/ may import anything', 'build/__fixture__.ts', ['esbuild', 'electron', '#db/cache', '../server/app']],
];

/** One module importing all of `specs`, each bound and exported, in TypeScript (so the TS parser must be the one in use). */
const importingAll = (specs: string[]) =>
  specs.map((spec, i) => `import * as m${i} from '${spec}';`).join('\n') + `\nexport type Count = ${specs.length};\nexport const all: unknown[] = [${specs.map((_, i) => `m${i}`).join(', ')}];\n`;

beforeAll(async () => {
  await lint('shared/__warm_up__.ts', 'export {};\n'); // loads the config and the TypeScript parser once
}, 60_000);

describe('layer rules (STYLE.md Boundaries in eslint.config.js)', () => {
  describe('an import across a boundary is an error', () => {
    it.each(BROKEN)('%s: %s importing %s', async (_name, filePath, spec, says) => {
      await expectBroken(filePath, importing(spec), SAYS[says]);
    });
  });

  describe('the allowed imports of each layer lint clean', () => {
    it.each(CLEAN)('%s (%s)', async (_name, filePath, specs) => {
      await expectClean(filePath, importingAll(specs));
    });

    it('a .tsx file in renderer/ is parsed as TSX', async () => {
      await expectClean('renderer/app/__fixture__.tsx', "import { Box } from '@mui/material';\nexport const C = (p: { n: number }) => <Box>{p.n}</Box>;\n");
    });
  });

  describe('every form of import is held to the same rules', () => {
    it('a re-export: shared/ may not re-export the db layer', async () => {
      await expectBroken('shared/__fixture__.ts', "export { openCache } from '#db/cache';\n", SAYS.sharedSubpath);
    });
    it('export * from: server/ may not re-export db/ by a relative path', async () => {
      await expectBroken('server/__fixture__.ts', "export * from '../db/cache';\n", SAYS.serverRelative);
    });
    it('a type-only import: renderer/ may not import types from the console', async () => {
      await expectBroken('renderer/app/__fixture__.ts', "import type { ConsoleCore } from '#console/service';\nexport type C = ConsoleCore;\n", SAYS.rendererSubpath);
    });
    it('a side-effect import: shared/ may not import node:fs', async () => {
      await expectBroken('shared/__fixture__.ts', "import 'node:fs';\n", SAYS.sharedNode);
    });
    it('import x = require(): electron/console/ may not import better-sqlite3', async () => {
      // @typescript-eslint/no-require-imports objects to the form as well; the layer rule must be there too.
      const messages = await lint('electron/console/__fixture__.ts', "import Database = require('better-sqlite3');\nexport { Database };\n");
      const layer = messages.filter((m) => m.ruleId === 'no-restricted-imports');
      expect(layer, describeMessages(messages)).toHaveLength(1);
      expect(layer[0]).toMatchObject({ severity: 2 });
      expect(layer[0]!.message).toContain(SAYS.sqlite);
    });
    it('a dynamic import(): renderer/ may not import better-sqlite3', async () => {
      await expectBroken('renderer/app/__fixture__.ts', "export const load = () => import('better-sqlite3');\n", SAYS.sqlite, 'no-restricted-syntax');
    });
    it('a dynamic import(): shared/ may not import the db layer by a relative path', async () => {
      await expectBroken('shared/rules/__fixture__.ts', "export const load = () => import('../../db/cache');\n", SAYS.sharedRelative, 'no-restricted-syntax');
    });
    it('require(): server/domain/ may not import fastify', async () => {
      await expectBroken('server/domain/__fixture__.ts', "declare const require: (id: string) => unknown;\nexport const f = require('fastify');\n", SAYS.domainFastify, 'no-restricted-syntax');
    });
    it('a dynamic import() of an allowed module stays clean', async () => {
      await expectClean('renderer/main.tsx', "export const load = () => import('./dev/fakeBridge');\n");
    });
  });

  describe('.only still fails lint', () => {
    it('in a test file', async () => {
      await expectBroken('tests/unit/__fixture__.test.ts', "import { it } from 'vitest';\nit.only('x', () => {});\n", '.only must not be committed', 'no-restricted-syntax');
    });
    it('in a layer file, whose own no-restricted-syntax entries keep it', async () => {
      await expectBroken('server/routes/__fixture__.ts', "declare const describe: { only(n: string, f: () => void): void };\ndescribe.only('x', () => {});\n", '.only must not be committed', 'no-restricted-syntax');
    });
  });
});
