import path from 'node:path';

/**
 * Everything the exchange reads from its environment and command line, resolved once at start.
 * Tests shrink EXCHANGE_TOKEN_TTL_MS and EXCHANGE_LEASE_SCALE so expiry can be observed quickly.
 */
export interface ExchangeConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /**
   * EXCHANGE_DATABASE_URL: a `postgres://` URL puts the exchange on PostgreSQL (several
   * instances may share it); absent, the exchange keeps one SQLite file in `dataDir`.
   */
  readonly databaseUrl: string | null;
  readonly intakeKey: string;
  readonly tokenTtlMs: number;
  /** Multiplies CLAIM_LEASE_MS; 1 in production. */
  readonly leaseScale: number;
  readonly demo: boolean;
  readonly demoOfficers: boolean;
  readonly officersFile: string | null;
  readonly version: string;
  /** Failed logins in `lockoutWindowMs` that lock the badge for `lockoutMs`. */
  readonly lockoutThreshold: number;
  readonly lockoutWindowMs: number;
  readonly lockoutMs: number;
  readonly jsonBodyLimit: number;
  /** Login attempts per badge and per client address per minute (429 `rate_limited` beyond), besides the lockout. */
  readonly loginPerBadgePerMinute: number;
  readonly loginPerAddressPerMinute: number;
  /** Intake requests with a wrong or missing key per client address per minute. */
  readonly badIntakeKeyPerMinute: number;
}

export const EXCHANGE_VERSION = '0.1.0';
export const DEFAULT_INTAKE_KEY = 'demo-intake-key';

function numberOr(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a non-negative number: ${value}`);
  return n;
}

function argValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i === -1) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
  return value;
}

/** A PostgreSQL URL, or null (SQLite); anything else is refused at start, not taken for a file name. */
function databaseUrlOf(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('EXCHANGE_DATABASE_URL must be a postgres:// (or postgresql://) URL');
  return value;
}

export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ExchangeConfig {
  return {
    host: argValue(argv, '--host') ?? env.EXCHANGE_HOST ?? '127.0.0.1',
    port: numberOr(argValue(argv, '--port') ?? env.EXCHANGE_PORT, 7410),
    dataDir: path.resolve(argValue(argv, '--data') ?? env.EXCHANGE_DATA ?? '.data/exchange'),
    databaseUrl: databaseUrlOf(env.EXCHANGE_DATABASE_URL),
    intakeKey: env.EXCHANGE_INTAKE_KEY || DEFAULT_INTAKE_KEY,
    tokenTtlMs: numberOr(env.EXCHANGE_TOKEN_TTL_MS, 12 * 60 * 60 * 1000),
    leaseScale: numberOr(env.EXCHANGE_LEASE_SCALE, 1),
    demo: argv.includes('--demo'),
    demoOfficers: argv.includes('--demo') || env.EXCHANGE_DEMO_OFFICERS === '1',
    officersFile: argValue(argv, '--officers') ?? null,
    version: EXCHANGE_VERSION,
    ...defaultLimits,
    loginPerBadgePerMinute: numberOr(env.EXCHANGE_LOGIN_RATE_BADGE, defaultLimits.loginPerBadgePerMinute),
    loginPerAddressPerMinute: numberOr(env.EXCHANGE_LOGIN_RATE_ADDRESS, defaultLimits.loginPerAddressPerMinute),
    badIntakeKeyPerMinute: numberOr(env.EXCHANGE_INTAKE_BAD_KEY_RATE, defaultLimits.badIntakeKeyPerMinute),
  };
}

const defaultLimits = {
  lockoutThreshold: 5,
  lockoutWindowMs: 15 * 60 * 1000,
  lockoutMs: 15 * 60 * 1000,
  jsonBodyLimit: 256 * 1024,
  // a console logs in a few times a shift; a whole service hall shares one address behind NAT
  loginPerBadgePerMinute: 20,
  loginPerAddressPerMinute: 300,
  badIntakeKeyPerMinute: 30,
} as const;

/** A config for tests that build the app in-process. */
export function testConfig(overrides: Partial<ExchangeConfig> & { dataDir: string }): ExchangeConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    databaseUrl: null,
    intakeKey: DEFAULT_INTAKE_KEY,
    tokenTtlMs: 60 * 60 * 1000,
    leaseScale: 1,
    demo: false,
    demoOfficers: false,
    officersFile: null,
    version: EXCHANGE_VERSION,
    ...defaultLimits,
    ...overrides,
  };
}
