// One typed configuration object, read from the environment and command-line flags.
// A bad value stops start-up with a message that names the variable and what it expected.
import path from 'node:path';
import { z } from 'zod';

export const supportedLocales = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof supportedLocales)[number];

export type Dialect = 'sqlite' | 'postgres';

export interface Config {
  dialect: Dialect;
  /** PostgreSQL URL when dialect is postgres. */
  databaseUrl: string | undefined;
  /** SQLite file path when dialect is sqlite. */
  sqlitePath: string;
  host: string;
  port: number;
  timeZone: string;
  currency: { code: string; minorDigits: number };
  defaultLocale: Locale;
  sessionTtlMinutes: number;
  /** `user:password` that creates the first HQ admin on an empty database. */
  bootstrapAdmin: { username: string; password: string } | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Directory holding the built web console, served at `/`. */
  webDist: string | undefined;
  /** Whether the console cookie demands HTTPS. */
  secureCookies: boolean;
  /** The data folder (SQLite file, uploaded import files under `imports/`). */
  dataDir: string;
  /** Member imports: the largest file accepted, in bytes, and the most data rows. */
  importMaxBytes: number;
  importMaxRows: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration ${variable}: ${reason}`);
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const envSchema = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  HUIYUAN_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce
    .number({ message: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected 0..65535')
    .max(65535, 'expected 0..65535')
    .default(3000),
  HUIYUAN_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  HUIYUAN_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY')
    .default('CNY'),
  HUIYUAN_CURRENCY_MINOR_DIGITS: z.coerce
    .number({ message: 'expected 0, 2 or 3' })
    .int()
    .refine((n) => n === 0 || n === 2 || n === 3, 'expected 0, 2 or 3')
    .default(2),
  HUIYUAN_LOCALE: z.enum(supportedLocales, { message: 'expected zh-CN or en-US' }).default('zh-CN'),
  HUIYUAN_SESSION_TTL_MINUTES: z.coerce
    .number({ message: 'expected minutes' })
    .int()
    .min(5, 'expected at least 5 minutes')
    .max(60 * 24 * 30, 'expected at most 30 days')
    .default(12 * 60),
  HUIYUAN_BOOTSTRAP_ADMIN: z
    .string()
    .regex(/^[A-Za-z0-9_.@-]{3,64}:.{8,}$/, 'expected user:password with a password of 8 or more characters')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUIYUAN_WEB_DIST: z.string().optional(),
  HUIYUAN_SECURE_COOKIES: z.enum(['true', 'false', '1', '0']).optional(),
  HUIYUAN_IMPORT_MAX_MB: z.coerce
    .number({ message: 'expected megabytes' })
    .positive('expected a positive size in MB')
    .max(10_000, 'expected at most 10000 MB')
    .default(200),
  HUIYUAN_IMPORT_MAX_ROWS: z.coerce
    .number({ message: 'expected a number of rows' })
    .int('expected a whole number of rows')
    .min(1, 'expected at least 1 row')
    .default(1_000_000),
};

const flagToEnv: Record<string, keyof typeof envSchema> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'HUIYUAN_DATA_DIR',
  timeZone: 'HUIYUAN_TIME_ZONE',
  locale: 'HUIYUAN_LOCALE',
};

/**
 * Builds the configuration. Flags (camelCase keys such as `port`) win over the environment.
 * Throws ConfigError naming the first bad variable.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  flags: Record<string, string | undefined> = {},
): Config {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [flag, value] of Object.entries(flags)) {
    const variable = flagToEnv[flag];
    if (variable && value !== undefined) merged[variable] = value;
  }
  const read = <K extends keyof typeof envSchema>(key: K): z.output<(typeof envSchema)[K]> => {
    const raw = merged[key];
    const result = envSchema[key].safeParse(raw === '' ? undefined : raw);
    if (!result.success) throw new ConfigError(key, result.error.issues[0]?.message ?? 'invalid value');
    return result.data as z.output<(typeof envSchema)[K]>;
  };

  const databaseUrl = read('DATABASE_URL');
  const dataDir = read('HUIYUAN_DATA_DIR');
  const bootstrap = read('HUIYUAN_BOOTSTRAP_ADMIN');
  const separator = bootstrap?.indexOf(':') ?? -1;
  const secure = read('HUIYUAN_SECURE_COOKIES');
  return {
    dialect: databaseUrl ? 'postgres' : 'sqlite',
    databaseUrl,
    sqlitePath: path.resolve(dataDir, 'huiyuan.db'),
    host: read('HOST'),
    port: read('PORT'),
    timeZone: read('HUIYUAN_TIME_ZONE'),
    currency: { code: read('HUIYUAN_CURRENCY'), minorDigits: read('HUIYUAN_CURRENCY_MINOR_DIGITS') },
    defaultLocale: read('HUIYUAN_LOCALE'),
    sessionTtlMinutes: read('HUIYUAN_SESSION_TTL_MINUTES'),
    bootstrapAdmin:
      bootstrap && separator > 0
        ? { username: bootstrap.slice(0, separator), password: bootstrap.slice(separator + 1) }
        : undefined,
    logLevel: read('LOG_LEVEL'),
    webDist: read('HUIYUAN_WEB_DIST'),
    secureCookies: secure === 'true' || secure === '1',
    dataDir: path.resolve(dataDir),
    importMaxBytes: Math.round(read('HUIYUAN_IMPORT_MAX_MB') * 1024 * 1024),
    importMaxRows: read('HUIYUAN_IMPORT_MAX_ROWS'),
  };
}
