// Every database test runs on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set:
// two Vitest projects over the same files, told apart by HUIYUAN_TEST_DIALECT. Pure unit
// tests (`*.unit.test.ts`) need no database and run once.
import { defineConfig } from 'vitest/config';

const postgresUrl = process.env.TEST_DATABASE_URL;
const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include,
          env: { HUIYUAN_TEST_DIALECT: 'sqlite' },
          globalSetup: ['./test/support/global-setup.ts'],
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include,
                exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
                env: { HUIYUAN_TEST_DIALECT: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
