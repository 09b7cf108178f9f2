// `huiyuan backup --to FILE`: an online, consistent copy of the SQLite database while the
// server keeps running. PostgreSQL has its own tools for that.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openSqlite } from '../db/sqlite.ts';

export async function backup(config: Config, target: string): Promise<string> {
  if (config.dialect === 'postgres') {
    return `This database is PostgreSQL; back it up with its own tools, for example:\n  pg_dump --format=custom --file=${target} "${config.databaseUrl}"`;
  }
  if (!fs.existsSync(config.sqlitePath)) throw new Error(`No database at ${config.sqlitePath}`);
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; choose a new file`);
  const source = openSqlite(config.sqlitePath);
  try {
    await source.backup(destination);
  } finally {
    source.close();
  }
  return `Backed up ${config.sqlitePath} to ${destination}`;
}
