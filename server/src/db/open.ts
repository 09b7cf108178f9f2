// Opens the database the configuration names, migrated to the latest version.
import type { Config } from '../config.ts';
import { type Database, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

export function openConfiguredDatabase(config: Config): Database {
  return config.dialect === 'postgres'
    ? openDatabase({ dialect: 'postgres', url: config.databaseUrl! })
    : openDatabase({ dialect: 'sqlite', file: config.sqlitePath });
}

export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
