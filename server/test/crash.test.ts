// Crash safety: the server is killed with SIGKILL while clients recharge and spend; after
// a restart every call that was answered 2xx is in the books and the ledger's invariants
// hold. CRASH_ROUNDS sets how many kills (CI runs a few; `npm run test:reliability` more).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';
import { createTestDatabase, type TestDatabase, testDialect } from './support/database.ts';
import { checkLedgerInvariants, cleanReport } from './support/ledger-invariants.ts';
import {
  freePort,
  postgresSchemaEnv,
  type ServerProcess,
  startServerProcess,
} from './support/server-process.ts';

const rounds = Number(process.env.CRASH_ROUNDS ?? 3);
let env: Record<string, string>;
let dataDir: string | undefined;
let postgres: TestDatabase | undefined;
let port: number;

beforeAll(async () => {
  port = await freePort();
  if (testDialect === 'postgres') {
    postgres = await createTestDatabase();
    env = postgresSchemaEnv(postgres.location);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-crash-'));
    env = { HUIYUAN_DATA_DIR: dataDir };
  }
  env.HUIYUAN_BOOTSTRAP_ADMIN = 'crash:crash-test-1';
});
afterAll(async () => {
  await postgres?.destroy();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function openBooks(): Database {
  return postgres
    ? postgres.reopen()
    : openDatabase({ dialect: 'sqlite', file: path.join(dataDir!, 'huiyuan.db') });
}

async function call(
  server: ServerProcess,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const response = await fetch(server.url + url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function setUp(server: ServerProcess) {
  const token = await signIn(server);
  const units = await call(server, token, 'GET', '/api/v1/org/units');
  const hq = (units.body.items as Array<{ id: string }>)[0]!.id;
  const store = await call(server, token, 'POST', '/api/v1/org/units', {
    parentId: hq,
    kind: 'store',
    name: 'Crash store',
  });
  const type = await call(server, token, 'POST', '/api/v1/card-types', {
    name: 'Crash card',
    named: true,
    storedValue: true,
    points: false,
    pinRequired: false,
    validity: { kind: 'none' },
  });
  expect(type.status).toBe(201);
  const members: string[] = [];
  for (let i = 0; i < 4; i++) {
    const member = await call(server, token, 'POST', '/api/v1/members', {
      name: `Crash ${i}`,
      mobile: `1350000${String(1000 + i)}`,
      homeStoreId: store.body.id,
    });
    members.push(member.body.id as string);
  }
  return { members, storeId: store.body.id as string };
}

async function signIn(server: ServerProcess) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'crash', password: 'crash-test-1' }),
  });
  return ((await login.json()) as { token: string }).token;
}

describe('SIGKILL under load', () => {
  it(
    `keeps every acknowledged recharge and spend across ${rounds} kills`,
    async () => {
      let server = await startServerProcess(env, port);
      const { members, storeId } = await setUp(server);
      const acknowledged = new Set<string>();
      for (let round = 0; round < rounds; round++) {
        const token = await signIn(server);
        let running = true;
        const client = async (memberId: string) => {
          while (running) {
            const spend = Math.random() < 0.4;
            try {
              const answer = await call(
                server,
                token,
                'POST',
                spend ? `/api/v1/members/${memberId}/charges` : `/api/v1/members/${memberId}/recharges`,
                spend ? { amount: 100 + Math.floor(Math.random() * 900) } : { amount: 1000, tender: 'cash' },
                { 'idempotency-key': randomUUID(), 'x-store-id': storeId },
              );
              if (answer.status === 201) acknowledged.add(answer.body.id as string);
            } catch {
              return; // the server is gone
            }
          }
        };
        const clients = members.map(client);
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
        await server.kill('SIGKILL');
        running = false;
        await Promise.all(clients);
        server = await startServerProcess(env, port);
      }
      await server.kill('SIGTERM');

      const books = openBooks();
      try {
        const ids = new Set(
          (await books.db.selectFrom('ledgerTransactions').select('id').execute()).map((row) => row.id),
        );
        const missing = [...acknowledged].filter((id) => !ids.has(id));
        expect(acknowledged.size).toBeGreaterThan(0);
        expect(missing).toEqual([]);
        expect(await checkLedgerInvariants(books.db)).toEqual(cleanReport);
      } finally {
        await books.close();
      }
    },
    60_000 + rounds * 15_000,
  );
});
