// The `huiyuan` command line: serve | migrate | seed --demo | admin create | import | backup.
// Every command reads the same configuration (environment, then flags) and says plainly
// which value is wrong when one is.
import { Command, CommanderError } from 'commander';
import { backup } from './cli/backup.ts';
import { seedFullDemo } from './cli/demo.ts';
import { type ImportFlags, importMembersFromCli } from './cli/import.ts';
import { writeOpenApi } from './cli/openapi.ts';
import { serve } from './cli/serve.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openMigratedDatabase } from './db/open.ts';
import { demoAccounts, demoPassword } from './modules/org/demo.ts';
import { createHqAdmin } from './modules/org/setup.ts';
import { isAppError } from './platform/errors.ts';
import { errorMessage } from './platform/i18n/messages.ts';

interface CommonFlags {
  databaseUrl?: string;
  dataDir?: string;
  port?: string;
  host?: string;
}

function withDatabaseFlags(command: Command): Command {
  return command
    .option('--database-url <url>', 'PostgreSQL URL (default: SQLite under --data-dir; env DATABASE_URL)')
    .option('--data-dir <dir>', 'folder for the SQLite database (env HUIYUAN_DATA_DIR)', undefined);
}

function configFrom(flags: CommonFlags): Config {
  return loadConfig(process.env, {
    databaseUrl: flags.databaseUrl,
    dataDir: flags.dataDir,
    port: flags.port,
    host: flags.host,
  });
}

function buildProgram(): Command {
  const program = new Command('huiyuan')
    .description('Huiyuan (会员) membership system')
    .showHelpAfterError()
    .exitOverride();

  withDatabaseFlags(
    program
      .command('serve')
      .description('migrate the database and serve the API and web console')
      .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)')
      .option('--host <host>', 'address to bind (env HOST, default 0.0.0.0)')
      .option('--seed-demo', 'seed the demo merchant when the database is empty', false),
  ).action(async (flags: CommonFlags & { seedDemo: boolean }) => {
    await serve(configFrom(flags), { seedDemo: flags.seedDemo });
  });

  withDatabaseFlags(program.command('migrate').description('bring the database schema up to date')).action(
    async (flags: CommonFlags) => {
      const database = await openMigratedDatabase(configFrom(flags));
      await database.close();
      console.log('Database is up to date.');
    },
  );

  withDatabaseFlags(
    program
      .command('seed')
      .description('seed data into an empty database')
      .requiredOption('--demo', 'the demo merchant with stores and staff accounts'),
  ).action(async (flags: CommonFlags) => {
    const config = configFrom(flags);
    const database = await openMigratedDatabase(config);
    try {
      const seeded = await seedFullDemo(database.db, config);
      console.log(
        seeded
          ? `Demo merchant seeded. Accounts: ${demoAccounts.map((a) => a.username).join(', ')}; password ${demoPassword}`
          : 'The database already has a merchant; nothing seeded.',
      );
    } finally {
      await database.close();
    }
  });

  const admin = program.command('admin').description('manage operator accounts');
  withDatabaseFlags(
    admin
      .command('create')
      .description('create an HQ admin (and the merchant, on an empty database)')
      .requiredOption('--username <username>', 'sign-in name')
      .requiredOption('--password <password>', 'at least 8 characters with letters and digits')
      .option('--display-name <name>', 'name shown in the console'),
  ).action(async (flags: CommonFlags & { username: string; password: string; displayName?: string }) => {
    const config = configFrom(flags);
    const database = await openMigratedDatabase(config);
    try {
      await createHqAdmin(database.db, config, {
        username: flags.username,
        password: flags.password,
        ...(flags.displayName ? { displayName: flags.displayName } : {}),
      });
      console.log(`HQ admin "${flags.username.toLowerCase()}" created.`);
    } finally {
      await database.close();
    }
  });

  withDatabaseFlags(
    program
      .command('backup')
      .description('copy the SQLite database to a file while the server runs')
      .requiredOption('--to <file>', 'where to write the copy'),
  ).action(async (flags: CommonFlags & { to: string }) => {
    console.log(await backup(configFrom(flags), flags.to));
  });

  const importCommand = program.command('import').description('import data from a file');
  withDatabaseFlags(
    importCommand
      .command('members')
      .description('import members from an .xlsx or .csv file (UTF-8 or GBK)')
      .argument('<file>', 'the spreadsheet; row 1 holds the headers')
      .option('--dry-run', 'check every row and report problems without writing anything', false)
      .option('--store <code>', 'home store (by code) of rows that name none')
      .option('--mapping <json>', 'column mapping overrides, e.g. {"电话2":"ignore"}')
      .option('--as <username>', 'act as this operator (default: the first HQ admin)'),
  ).action(async (file: string, flags: CommonFlags & ImportFlags) => {
    process.exitCode = await importMembersFromCli(configFrom(flags), file, flags);
  });

  program
    .command('openapi')
    .description('write the OpenAPI document to a file')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (flags: { out: string }) => {
      await writeOpenApi(flags.out);
      console.log(`OpenAPI document written to ${flags.out}`);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (isAppError(error)) {
      console.error(`${error.code}: ${errorMessage(error.code, 'en-US', error.params)}`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exitCode = 1;
  }
}
