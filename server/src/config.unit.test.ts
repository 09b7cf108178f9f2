// Configuration: defaults for a fresh machine, flags over environment, and a bad value
// stopping start-up with a message that names it.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to SQLite under ./data, port 3000, Shanghai time, CNY with 2 minor digits, zh-CN', () => {
    const config = loadConfig({});
    expect(config.dialect).toBe('sqlite');
    expect(config.sqlitePath).toMatch(/data[/\\]huiyuan\.db$/);
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.currency).toEqual({ code: 'CNY', minorDigits: 2 });
    expect(config.defaultLocale).toBe('zh-CN');
    expect(config.bootstrapAdmin).toBeUndefined();
  });

  it('switches to PostgreSQL when DATABASE_URL names one', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/huiyuan' });
    expect(config.dialect).toBe('postgres');
    expect(config.databaseUrl).toBe('postgres://u@127.0.0.1:5432/huiyuan');
  });

  it('lets flags win over the environment', () => {
    const config = loadConfig({ PORT: '4000' }, { port: '5000', locale: 'en-US' });
    expect(config.port).toBe(5000);
    expect(config.defaultLocale).toBe('en-US');
  });

  it('reads the bootstrap admin as user:password, the password may contain colons', () => {
    const config = loadConfig({ HUIYUAN_BOOTSTRAP_ADMIN: 'root:pass:word1' });
    expect(config.bootstrapAdmin).toEqual({ username: 'root', password: 'pass:word1' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['HUIYUAN_TIME_ZONE', 'Mars/Olympus'],
    ['HUIYUAN_CURRENCY', 'yuan'],
    ['HUIYUAN_CURRENCY_MINOR_DIGITS', '7'],
    ['HUIYUAN_LOCALE', 'fr-FR'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['HUIYUAN_BOOTSTRAP_ADMIN', 'admin:short'],
    ['HUIYUAN_SESSION_TTL_MINUTES', '1'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s (%s) with a message naming it', (variable, value) => {
    const attempt = () => loadConfig({ [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration ${variable}: `));
  });
});
