// The real server as a child process (the load generator stays in this one), with its
// peak resident memory watched through /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  token: string;
  stop(): Promise<void>;
  /** Output the server printed, for when it fails. */
  log(): string;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms`);
}

async function signIn(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function startServer(
  env: Record<string, string>,
  credentials = { username: 'admin', password: 'huiyuan123' },
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  // The parent's database settings must not leak into a child meant for the other dialect.
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [path.join(serverDir, 'bin/huiyuan.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: serverDir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    await waitForHealth(url, child, 60_000);
    const token = await signIn(url, credentials.username, credentials.password);
    if (child.pid === undefined) throw new Error('the server has no pid');
    return { url, pid: child.pid, token, stop, log: () => output };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watches a process's resident memory while a measurement runs. The kernel's high-water
 * mark (VmHWM) is reset at the start where allowed (clear_refs 5), and polled VmRSS covers
 * kernels or users where it is not; the peak is the larger of the two.
 */
export function watchMemory(pid: number, everyMs = 50) {
  let reset = false;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    reset = true;
  } catch {
    // not permitted: VmHWM then covers the whole life of the process, so use polling only
  }
  let peak = statusField(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, statusField(pid, 'VmRSS') ?? 0);
  }, everyMs);
  return {
    /** Stops watching; the peak in MiB. */
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, statusField(pid, 'VmRSS') ?? 0);
      if (reset) peak = Math.max(peak, statusField(pid, 'VmHWM') ?? 0);
      return peak;
    },
  };
}
