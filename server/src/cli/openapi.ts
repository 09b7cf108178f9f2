// Writes the OpenAPI document to a file without serving, so the web console's typed
// client can be generated from the contract (`npm run api:types`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';

export async function writeOpenApi(target: string): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-openapi-'));
  const database = openDatabase({ dialect: 'sqlite', file: path.join(scratch, 'contract.db') });
  const app = await buildApp({ config: loadConfig({}), database, logger: false });
  try {
    await app.ready();
    fs.writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
