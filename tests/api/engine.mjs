// A real `touchpoint serve` for the contract test, as tests/browser/engine.mjs
// starts one: a fresh SQLite database in a temporary directory, a free loopback
// port, and an admin and an ingest key made with `touchpoint keys create`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binary = process.env.TOUCHPOINT_BINARY ?? 'build/engine/touchpoint';

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function waitFor(check, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function createKey(db, scope) {
  return execFileSync(binary, ['keys', 'create', '--scope', scope, '--db', db], { encoding: 'utf8' })
    .trim().split('\n').pop();
}

// Starts the engine and waits until it answers; stop() ends it and removes its files.
export async function startEngine(name, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), `touchpoint-${name}-`));
  const db = `sqlite:${join(dir, `${name}.db`)}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const adminKey = createKey(db, 'admin');
  const ingestKey = createKey(db, 'ingest');
  const server = spawn(binary, ['serve', '--db', db, '--data-dir', dir, '--listen', `127.0.0.1:${port}`,
    '--public-url', base, '--log-level', 'warn', ...extraArgs], { stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 'the server to start');
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, db, base, adminKey, ingestKey, stop };
}
