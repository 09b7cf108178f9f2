// How many durable commits a second SQLite manages on this disk: a small transaction (one
// update, two inserts) committed one at a time in WAL mode, with synchronous=FULL (what
// Huiyuan uses) and NORMAL (what better-sqlite3 leaves). This is why the server groups
// queued transactions under one COMMIT. Run: node --import tsx bench/sqlite-commit-rate.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-commit-rate-'));
const db = new Database(path.join(dir, 'probe.db'));
db.pragma('journal_mode = wal');
db.exec(
  'create table a(id integer primary key, b int); insert into a values (1, 0); create table e(id integer primary key, a int, amt int)',
);
const update = db.prepare('update a set b = b + 1 where id = 1');
const insert = db.prepare('insert into e(a, amt) values (1, 1)');
const commitOne = db.transaction(() => {
  update.run();
  insert.run();
  insert.run();
});

for (const synchronous of ['FULL', 'NORMAL']) {
  db.pragma(`synchronous = ${synchronous}`);
  const count = 2000;
  const started = performance.now();
  for (let i = 0; i < count; i++) commitOne();
  const perSecond = (count / (performance.now() - started)) * 1000;
  console.log(`synchronous=${synchronous}: ${Math.round(perSecond).toLocaleString()} commits/s`);
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });
