// `huiyuan serve`: migrate, optionally seed the demo merchant, and serve API and console.
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { openMigratedDatabase } from '../db/open.ts';
import { scheduledJobs } from '../jobs.ts';
import { demoAccounts, demoPassword } from '../modules/org/demo.ts';
import { createHqAdmin, merchantCount } from '../modules/org/setup.ts';
import { startScheduler } from '../platform/scheduler.ts';
import { seedFullDemo } from './demo.ts';

export async function serve(config: Config, options: { seedDemo: boolean }): Promise<void> {
  const startedAt = performance.now();
  const database = await openMigratedDatabase(config);
  if (config.bootstrapAdmin && (await merchantCount(database.db)) === 0) {
    await createHqAdmin(database.db, config, config.bootstrapAdmin);
    console.log(`Created HQ admin "${config.bootstrapAdmin.username}" from HUIYUAN_BOOTSTRAP_ADMIN.`);
  }
  const seeded = options.seedDemo ? await seedFullDemo(database.db, config) : false;
  const app = await buildApp({ config, database });
  const scheduler = startScheduler(database.db, scheduledJobs, { timeZone: config.timeZone, log: app.log });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `  Huiyuan is running at ${url}  (${database.dialect}${database.dialect === 'sqlite' ? `: ${config.sqlitePath}` : ''})`,
    `  API reference: ${url}/api/docs`,
    `  Ready in ${Math.round(performance.now() - startedAt)} ms${seeded ? '; demo merchant seeded' : ''}`,
  ];
  if (options.seedDemo) {
    lines.push(
      `  Demo sign-in: ${demoAccounts.map((a) => a.username).join(' / ')}  password: ${demoPassword}`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}
