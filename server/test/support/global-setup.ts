// Says once, plainly, which databases this run covers.
export function setup(): void {
  if (process.env.TEST_DATABASE_URL) {
    console.log(
      `\n[huiyuan] database tests run on SQLite and on PostgreSQL (${redact(process.env.TEST_DATABASE_URL)})\n`,
    );
  } else {
    console.log(
      '\n[huiyuan] PostgreSQL skipped: set TEST_DATABASE_URL=postgres://… to run the database tests on it too\n',
    );
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
