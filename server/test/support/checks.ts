// Assertions shared by the HTTP tests: the problem+json shape of an error answer, and
// "nothing was written" as the row counts of every platform table.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './harness.ts';

const tables = ['auditLog', 'orgUnits', 'operators', 'roles', 'operatorGrants', 'sessions'] as const;

export type TableCounts = Record<(typeof tables)[number], number>;

export async function tableCounts(t: TestApp): Promise<TableCounts> {
  const entries = await Promise.all(tables.map(async (table) => [table, await t.count(table)] as const));
  return Object.fromEntries(entries) as TableCounts;
}

/** Runs `call` and checks that no platform table gained or lost a row. */
export async function writesNothing<T>(t: TestApp, call: () => Promise<T>): Promise<T> {
  const before = await tableCounts(t);
  const result = await call();
  expect(await tableCounts(t)).toEqual(before);
  return result;
}

const stackLine = /\n\s+at\s|\.ts:\d+|node_modules|"stack"/;

/** An error answer: problem+json of the expected status and code, with no internals in it. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.body).not.toMatch(stackLine);
  const answered = response.body ? (response.json() as { code?: string }).code : undefined;
  expect({ status: response.statusCode, code: answered }).toEqual({ status, code });
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  expect(Object.keys(body).sort()).toEqual(
    ['code', 'detail', 'fields', 'requestId', 'status', 'title', 'type'].sort(),
  );
  expect(body.status).toBe(status);
  expect(body.detail).toEqual(expect.any(String));
  expect(body.detail.length).toBeGreaterThan(0);
  return body as {
    code: string;
    detail: string;
    requestId: string;
    fields: Array<{ field: string; code: string; message: string }>;
  };
}
