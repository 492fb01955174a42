/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other (two cores:
 * benches must not compete with each other), each printing its table and writing
 * bench/results/<name>.json. `npm run bench -- exchange` runs only the ones whose name matches.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`${f} failed with exit code ${r.status}`);
  }
}
console.log(`\n${files.length - failed} benches ran, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
