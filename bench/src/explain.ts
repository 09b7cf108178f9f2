// --explain: the query plans behind each operation. The product's own service call runs on
// a Kysely instance that records every query (so the list is exactly what the route runs,
// after auth), then each query and the baseline's are explained on the same data:
// EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) inside a rolled-back
// transaction on PostgreSQL.
import { CamelCasePlugin, type CompiledQuery, Kysely, type LogEvent } from 'kysely';
import type { Db } from '../../server/src/db/database.ts';
import { createPostgresDialect, createPostgresPool } from '../../server/src/db/postgres.ts';
import type { DB } from '../../server/src/db/schema.ts';
import { createSqliteDialect, openSqlite } from '../../server/src/db/sqlite.ts';
import { loadGrants } from '../../server/src/platform/access/actor.ts';
import type { CallContext } from '../../server/src/platform/context.ts';
import type { GeneratedMember } from './data/members.ts';
import { type BenchDatabase, connectPostgres, type RawConnection } from './databases.ts';
import type { Operation, OperationContext, SqlStatement } from './operations/index.ts';

interface Recorded {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

function recordingDb(database: BenchDatabase, into: Recorded[]): Db {
  const log = (event: LogEvent) => {
    const query: CompiledQuery = event.query;
    into.push({ sql: query.sql, parameters: query.parameters, ms: event.queryDurationMillis });
  };
  const dialect =
    database.target.dialect === 'sqlite'
      ? createSqliteDialect(openSqlite(database.target.file))
      : createPostgresDialect(createPostgresPool({ connectionString: database.target.url, max: 2 }));
  return new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin()], log });
}

async function adminContext(db: Db): Promise<CallContext> {
  const admin = await db
    .selectFrom('operators')
    .select(['id', 'merchantId', 'username', 'displayName', 'unitId'])
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  return {
    actor: {
      kind: 'operator',
      operatorId: admin.id,
      merchantId: admin.merchantId,
      username: admin.username,
      displayName: admin.displayName,
      unitId: admin.unitId,
      sessionId: 'bench-explain',
      grants: await loadGrants(db, admin.id),
    },
    locale: 'zh-CN',
    requestId: 'bench-explain',
    ip: null,
    storeId: null,
  };
}

function toPostgres(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

async function planOf(
  raw: RawConnection,
  sqlText: string,
  parameters: readonly unknown[],
): Promise<string[]> {
  if (raw.dialect === 'sqlite') {
    const rows = raw.db.prepare(`explain query plan ${sqlText}`).all(...parameters) as Array<{
      id: number;
      parent: number;
      detail: string;
    }>;
    const depth = new Map<number, number>([[0, 0]]);
    return rows.map((row) => {
      const level = (depth.get(row.parent) ?? 0) + 1;
      depth.set(row.id, level);
      return `${'  '.repeat(level)}${row.detail}`;
    });
  }
  const client = await connectPostgres(raw.url);
  try {
    await client.query('begin');
    const result = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers, costs off) ${sqlText}`,
      parameters as unknown[],
    );
    return result.rows.map((row) => `  ${row['QUERY PLAN']}`);
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
}

function oneLine(sqlText: string): string {
  return sqlText.replace(/\s+/g, ' ').trim();
}

/** The plans of one operation, as printable lines. */
export async function explainOperation(
  database: BenchDatabase,
  raw: RawConnection,
  operation: Operation,
  ctx: OperationContext,
  member: GeneratedMember,
): Promise<string[]> {
  const lines = [`## ${operation.name} (${database.dialect}): ${operation.summary}`];
  if (operation.serviceCall) {
    const recorded: Recorded[] = [];
    const db = recordingDb(database, recorded);
    try {
      const callContext = await adminContext(db);
      // The first call fills the server's per-process caches (merchant facts); the second
      // is what a warm server runs per request.
      await operation.serviceCall(db, callContext, member);
      recorded.length = 0;
      await operation.serviceCall(db, callContext, member);
    } finally {
      await db.destroy();
    }
    lines.push('### product (service call, after auth)');
    for (const query of recorded) {
      lines.push(`- ${query.ms.toFixed(2)} ms: ${oneLine(query.sql)}`);
      lines.push(`  params: ${JSON.stringify(query.parameters)}`);
      lines.push(...(await planOf(raw, query.sql, query.parameters)));
    }
  }
  lines.push('### baseline');
  const statements: SqlStatement[] = operation.baseline(member, ctx, 0);
  for (const statement of statements) {
    const text = raw.dialect === 'postgres' ? toPostgres(statement.text) : statement.text;
    lines.push(`- ${oneLine(text)}`);
    lines.push(`  params: ${JSON.stringify(statement.params)}`);
    lines.push(...(await planOf(raw, text, statement.params)));
  }
  return lines;
}
