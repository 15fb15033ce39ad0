// What the browser tests share: a real `touchpoint serve` on a fresh SQLite
// database and a free loopback port, an admin key and an API caller, and
// Debian's Chromium launched headless.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const binary = process.env.TOUCHPOINT_BINARY ?? 'build/engine/touchpoint';
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

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

// Starts the engine and waits until it answers; stop() ends it and removes its files.
export async function startEngine(name) {
  const dir = mkdtempSync(join(tmpdir(), `touchpoint-${name}-`));
  const db = `sqlite:${join(dir, `${name}.db`)}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const key = execFileSync(binary, ['keys', 'create', '--scope', 'admin', '--db', db], { encoding: 'utf8' })
    .trim().split('\n').pop();
  const server = spawn(binary, ['serve', '--db', db, '--data-dir', dir, '--listen', `127.0.0.1:${port}`,
    '--public-url', base, '--log-level', 'warn'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  };
  // An API call with the admin key; throws with the body on any non-2xx.
  const api = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  try {
    await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 'the server to start');
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, db, base, key, api, stop };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
