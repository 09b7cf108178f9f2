// The one way to open a transaction. Routes and CLI commands call it and hand the
// transaction to services, which never open a second one.
//
// SQLite: BEGIN IMMEDIATE on the single connection (see sqlite.ts); transactions that
// queue up share one COMMIT (group-commit.ts).
// PostgreSQL: READ COMMITTED with guarded updates and row locks; a serialisation failure or
// deadlock (40001, 40P01) reruns the whole callback in a new transaction, so callbacks must
// not have side effects outside the database (use the outbox). A unique violation is not
// retried: a service that checks a name is free before inserting it turns the violation
// from a concurrent insert of the same name into its own error (isUniqueViolation).
import type { Transaction } from 'kysely';
import { type Db, dialectOf } from './database.ts';
import { GroupCommitter } from './group-commit.ts';
import type { DB } from './schema.ts';

export type Trx = Transaction<DB>;

const retryableCodes = new Set(['40001', '40P01']);
const maxAttempts = 6;

function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    retryableCodes.has(String((error as { code: unknown }).code))
  );
}

/** A unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String((error as { code: unknown }).code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const committers = new WeakMap<Db, GroupCommitter>();

function runOnce<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return db.transaction().execute(work);
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer.run(work);
}

export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(db, work);
    } catch (error) {
      if (!isRetryable(error) || attempt >= maxAttempts) throw error;
      // Back off with jitter so colliding transactions do not collide again in step.
      const delay = Math.random() * 5 * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Adds FOR UPDATE on PostgreSQL; SQLite's single writer already serialises transactions. */
export function forUpdate<Q extends { forUpdate(): Q }>(query: Q, dialect: 'sqlite' | 'postgres'): Q {
  return dialect === 'postgres' ? query.forUpdate() : query;
}
