// The `huiyuan` command line, run as a real process: help on every command, migrate,
// seed, admin create, backup, and a bad configuration value named on stderr.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testDialect } from './support/database.ts';

const bin = path.resolve(import.meta.dirname, '../bin/huiyuan.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function huiyuan(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...rest, HUIYUAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The CLI works the same on both dialects; running it once (on SQLite) is enough.
describe.runIf(testDialect === 'sqlite')('huiyuan CLI', () => {
  it.each([[[]], [['serve']], [['migrate']], [['seed']], [['admin', 'create']], [['backup']], [['openapi']]])(
    'explains %j with --help',
    (command) => {
      const result = huiyuan([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: huiyuan/m);
    },
  );

  it('migrates, seeds the demo once, and creates an HQ admin', () => {
    expect(huiyuan(['migrate']).stdout).toContain('up to date');
    expect(huiyuan(['seed', '--demo']).stdout).toContain('Demo merchant seeded');
    expect(huiyuan(['seed', '--demo']).stdout).toContain('nothing seeded');
    const created = huiyuan(['admin', 'create', '--username', 'Boss', '--password', 'boss-pass-1']);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('"boss"');
    const again = huiyuan(['admin', 'create', '--username', 'boss', '--password', 'boss-pass-1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('USERNAME_TAKEN');
    const weak = huiyuan(['admin', 'create', '--username', 'weak', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('PASSWORD_TOO_WEAK');
  });

  it('backs up the SQLite database to a readable copy, never over an existing file', () => {
    const target = path.join(dataDir, 'copy.db');
    const result = huiyuan(['backup', '--to', target]);
    expect(result.code).toBe(0);
    const copy = new SqliteDatabase(target, { readonly: true });
    const row = copy.prepare('select count(*) as n from operators').get() as { n: number };
    copy.close();
    expect(row.n).toBeGreaterThanOrEqual(7);
    const again = huiyuan(['backup', '--to', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('points to pg_dump on PostgreSQL', () => {
    const result = huiyuan(['backup', '--to', 'x.dump'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pg_dump');
  });

  it('names the bad variable and exits non-zero', () => {
    const result = huiyuan(['migrate'], { HUIYUAN_TIME_ZONE: 'Nowhere/Land' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration HUIYUAN_TIME_ZONE');
  });

  it('serves on PORT and creates the HUIYUAN_BOOTSTRAP_ADMIN on an empty database', async () => {
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-serve-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const server = spawn(process.execPath, [bin, 'serve', '--host', '127.0.0.1'], {
      env: {
        ...rest,
        HUIYUAN_DATA_DIR: emptyDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        HUIYUAN_BOOTSTRAP_ADMIN: 'ops:ops-pass-42',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100 && !output.includes('running at'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain(`http://localhost:${port}`);
      const health = await (await fetch(`${base}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', dialect: 'sqlite' });
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ops', password: 'ops-pass-42' }),
      });
      expect(login.status).toBe(200);
      const body = (await login.json()) as { operator: { permissions: string[] } };
      expect(body.operator.permissions).toContain('roles.write');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
