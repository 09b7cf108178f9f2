// The server serves the built console without a session (the login page must load),
// falls back to index.html for client routes, and keeps /api answers as problems.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-dist-'));
beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><title>Huiyuan</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("hi")');
  t = await startTestApp({ env: { HUIYUAN_WEB_DIST: dist } });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('serving the console', () => {
  it.each(['/', '/assets/app.js', '/members/123', '/login'])('answers %s without a session', async (url) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
  });

  it('falls back to index.html for client-side routes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/org/operators?q=x' });
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<div id="root">');
  });

  it('keeps unknown API paths as problems, and the API behind a session', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ROUTE_NOT_FOUND');
    const guarded = await t.app.inject({ method: 'GET', url: '/api/v1/org/units' });
    expect(guarded.statusCode).toBe(401);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
