import type { ExchangeConfig } from './config';
import type { Store } from './store/store';
import { DEMO_OFFICERS, DEMO_PASSWORD } from './officers';

/** Seeds generated demo data into an empty store (filled in once server/seed lands). */
export async function seedDemoIfEmpty(store: Store, _config: ExchangeConfig, log: (line: string) => void): Promise<void> {
  if (store.latestSeq() > 0) {
    log('demo: data folder already has items; not seeding');
  }
  log(`demo officers (password ${DEMO_PASSWORD}):`);
  for (const o of DEMO_OFFICERS) log(`  ${o.badge}  ${o.role.padEnd(10)} ${o.unitCode}  ${o.name}`);
}
