/**
 * `npm run build:electron`: bundles the Electron main process and preload with esbuild.
 * - dist/electron/main.cjs: main.ts with the console core, shared/ and db/ inlined; `electron` is
 *   provided by the runtime and better-sqlite3 stays a real package (native addon).
 * - dist/electron/preload.cjs: one self-contained file, because a sandboxed preload can require
 *   nothing but a few Electron modules.
 * CommonJS because Electron's sandboxed preload must be CommonJS, and main follows for one format.
 */
import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'electron');

const common: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 38 ships Node 22
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

export async function bundleElectron(): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: OUT, outExtension: { '.js': '.cjs' }, external: ['electron', 'better-sqlite3'] }),
    build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: OUT, minify: true, outExtension: { '.js': '.cjs' }, external: ['electron'] }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleElectron()
    .then(() => console.log(`bundled ${path.relative(ROOT, OUT)}/main.cjs and preload.cjs`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
