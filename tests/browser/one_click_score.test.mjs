// A person clicking a one-click score link in a real browser (Debian's Chromium)
// gets the score recorded at once and sees the rest of the survey with that
// score chosen; the same link fetched without running scripts records nothing.
//
//   TOUCHPOINT_BINARY=build/engine/touchpoint node tests/browser/one_click_score.test.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const binary = process.env.TOUCHPOINT_BINARY ?? 'build/engine/touchpoint';
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

async function waitFor(check, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-browser-'));
const db = `sqlite:${join(dir, 'browser.db')}`;
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const key = execFileSync(binary, ['keys', 'create', '--scope', 'admin', '--db', db], { encoding: 'utf8' }).trim().split('\n').pop();
const server = spawn(binary, ['serve', '--db', db, '--data-dir', dir, '--listen', `127.0.0.1:${port}`,
  '--public-url', base, '--log-level', 'warn'], { stdio: ['ignore', 'inherit', 'inherit'] });
let browser;

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

async function responsesOf(survey) {
  return (await api('GET', `/v1/responses?survey_id=${survey}`)).data;
}

try {
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 'the server to start');
  const survey = await api('POST', '/v1/surveys', { template: 'nps', name: 'Browser NPS', locales: ['en', 'fr', 'nl'] });
  await api('PUT', '/v1/contacts/cust-browser', { email: 'nora@example.com', locale: 'nl' });
  const clicked = await api('POST', '/v1/invitations', { survey_id: survey.id, contact: 'cust-browser' });
  const scanned = await api('POST', '/v1/invitations', { survey_id: survey.id });

  // A mail scanner: fetches every score link, runs no scripts.
  for (let score = 0; score <= 10; ++score) {
    const page = await fetch(`${scanned.url}?score=${score}`);
    assert.equal(page.status, 200);
  }

  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  // The email as a mail client shows it: one link per score; the person clicks 9.
  const links = Array.from({ length: 11 }, (_, s) => `<a id="score-${s}" href="${clicked.url}?score=${s}">${s}</a>`).join(' ');
  await page.setContent(`<p>How likely are you to recommend us?</p><p>${links}</p>`);
  await Promise.all([page.waitForURL(`${clicked.url}?score=9`), page.click('#score-9')]);

  const recorded = await waitFor(async () => (await responsesOf(survey.id)).find((r) => r.answers.q_score === 9),
    'the clicked score to be recorded');
  assert.equal(recorded.contact, 'cust-browser');
  assert.equal(recorded.channel, 'email');
  assert.equal(recorded.complete, false, 'the rest of the survey is still open');

  // The page shows the rest of the survey, in the contact's language, with 9 chosen.
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.equal(await page.locator('input[name="q_score"][value="9"]').isChecked(), true);
  assert.equal(await page.locator('textarea[name="q_why"]').count(), 1);

  // Finishing the survey in the browser completes the same response.
  await page.fill('textarea[name="q_why"]', 'Snelle support <script>alert(1)</script>');
  await Promise.all([page.waitForLoadState('load'), page.locator('form#tp-survey button[type="submit"]').click()]);
  const finished = await waitFor(async () => (await responsesOf(survey.id)).find((r) => r.complete), 'the completed response');
  assert.equal(finished.id, recorded.id);
  assert.equal(finished.answers.q_why, 'Snelle support <script>alert(1)</script>');

  const all = await responsesOf(survey.id);
  assert.equal(all.length, 1, 'the scanner fetching every link recorded nothing');
  console.log('ok: a click records the score at once; a scanner fetching every link records nothing');
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
