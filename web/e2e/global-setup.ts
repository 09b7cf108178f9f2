// Starts the real server (demo data, the freshly built console, a throw-away database) once
// for the browser suite, and stops it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const webDir = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy within 60 s:\n${output()}`);
}

/** Fails fast, with the reason, when the console itself cannot be loaded (rather than ten timeouts). */
async function expectConsoleServed(url: string): Promise<void> {
  const response = await fetch(`${url}/login`);
  const html = await response.text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  const assetResponse = asset ? await fetch(`${url}${asset}`) : undefined;
  if (!response.ok || !asset || !assetResponse?.ok) {
    throw new Error(
      `the server does not serve the console to a signed-out browser: GET /login answered ${response.status}, ` +
        `GET ${asset ?? '(no script in index.html)'} answered ${assetResponse?.status ?? '-'}`,
    );
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dist = path.join(webDir, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html')))
    throw new Error('web/dist is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-e2e-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['../server/bin/huiyuan.js', 'serve', '--seed-demo', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: webDir,
      env: { ...process.env, HUIYUAN_DATA_DIR: dataDir, HUIYUAN_WEB_DIST: dist, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => output);
    await expectConsoleServed(url);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  project.provide('baseUrl', url);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
