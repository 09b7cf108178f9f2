// Group commit for SQLite. With synchronous=FULL every COMMIT waits for an fsync (about
// 2 ms here, so at most ~450 commits a second). Transactions that arrive while one is
// running are gathered into the next batch: one BEGIN IMMEDIATE, each unit of work inside
// its own SAVEPOINT (a failing unit is rolled back alone), then one COMMIT for all. Nobody
// is answered before the COMMIT that holds their work, so an acknowledged write is as
// durable as before; the fsync is simply shared.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

type Work = (trx: Transaction<DB>) => Promise<unknown>;

interface Pending {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class GroupCommitter {
  readonly #db: Kysely<DB>;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #draining = false;

  constructor(db: Kysely<DB>, maxBatch = 128) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) await this.#runBatch(this.#queue.splice(0, this.#maxBatch));
    } finally {
      this.#draining = false;
    }
  }

  async #runBatch(batch: Pending[]): Promise<void> {
    let trx: Awaited<ReturnType<ReturnType<Kysely<DB>['startTransaction']>['execute']>>;
    try {
      trx = await this.#db.startTransaction().execute();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const succeeded: Array<{ pending: Pending; value: unknown }> = [];
    const failed: Array<{ pending: Pending; error: unknown }> = [];
    for (const pending of batch) {
      const unit = await trx.savepoint('unit').execute();
      try {
        const value = await pending.work(unit);
        await unit.releaseSavepoint('unit').execute();
        succeeded.push({ pending, value });
      } catch (error) {
        await unit.rollbackToSavepoint('unit').execute();
        await unit.releaseSavepoint('unit').execute();
        failed.push({ pending, error });
      }
    }
    try {
      await trx.commit().execute();
      for (const { pending, value } of succeeded) pending.resolve(value);
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const { pending } of succeeded) pending.reject(error);
    }
    for (const { pending, error } of failed) pending.reject(error);
  }
}
