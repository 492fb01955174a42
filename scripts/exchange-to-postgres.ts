/**
 * `npx tsx scripts/exchange-to-postgres.ts --data <EXCHANGE_DATA folder> --to postgres://…`
 *
 * Moves a SQLite exchange onto PostgreSQL (issue 12): stop the exchange, copy its data folder
 * into a new, empty database (exchange-to-postgres/copy.ts), and the copy is then checked by
 * reading both through the exchange's own store (exchange-to-postgres/check.ts). Start the
 * exchange instances with EXCHANGE_DATABASE_URL set to the same URL afterwards.
 * `--check-only` checks an earlier copy again without copying.
 *
 * Exit codes: 0 copied and identical; 1 a difference, or the copy failed (nothing is left
 * copied: run it again); 2 refused before writing (usage, a source not at the latest schema,
 * a target that is not empty).
 */
import { copyExchange, CopyRefused } from './exchange-to-postgres/copy';
import { checkCopy } from './exchange-to-postgres/check';

const USAGE = 'usage: npx tsx scripts/exchange-to-postgres.ts --data <EXCHANGE_DATA folder> --to postgres://… [--check-only]';

function arg(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<number> {
  const dataDir = arg('--data');
  const url = arg('--to');
  if (!dataDir || !url || !/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (!process.argv.includes('--check-only')) {
      say(`copying ${dataDir} into ${new URL(url).pathname.slice(1) || 'the database'}…`);
      const copied = await copyExchange(dataDir, url, (line) => say(`  ${line}`));
      say(`copied in ${(copied.ms / 1000).toFixed(1)} s; checking…`);
    }
    const check = await checkCopy(dataDir, url);
    for (const line of check.lines) say(`  ${line}`);
    say(check.ok ? 'the copy is identical' : 'THE COPY DIFFERS: do not start the exchange on it');
    return check.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof CopyRefused) {
      process.stderr.write(`refused: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

main().then((code) => process.exit(code));
