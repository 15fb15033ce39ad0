#!/usr/bin/env node
// Self-test of the webhook test tools (`npm test --prefix tests/webhooks`):
// checks every vector in vectors.json with the official package and with
// node:crypto, checks sign.mjs, then starts receiver.mjs and drives each of its
// behaviours. Prints one line per check and ends with "N passed, N failed".
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Webhook } from 'standardwebhooks';

const here = dirname(fileURLToPath(import.meta.url));
const started = Date.now();
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok   - ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL - ${name}${detail ? `: ${detail}` : ''}`);
  }
}

function checkEqual(name, actual, expected) {
  check(name, isDeepStrictEqual(actual, expected), `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

const children = new Set(); // receivers still running, stopped on the way out

// The whole run must stay well under 15 s; a hang anywhere is a failure, not a stuck CI.
const watchdog = setTimeout(() => {
  console.log('FAIL - self-test did not finish within 14 s');
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}, 14_000);

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

// Headers for a delivery signed by the official package with one or more secrets
// (several secrets give a space-separated list, as during a rotation).
function signedHeaders(secrets, id, body, timestamp = nowSeconds()) {
  const date = new Date(timestamp * 1000);
  const signature = [secrets].flat().map((s) => new Webhook(s).sign(id, date, body)).join(' ');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
}

// One HTTP request on a fresh connection. Resolves { status, body, json, ms };
// rejects with the socket error (e.g. ECONNRESET) or with code 'TIMEOUT'.
function request(port, method, path, { body = null, headers = {}, timeoutMs = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode, body: text, json, ms: Date.now() - t0 });
      });
    });
    req.setTimeout(timeoutMs, () => {
      const e = new Error(`no answer within ${timeoutMs} ms`);
      e.code = 'TIMEOUT';
      req.destroy(e);
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

// Starts receiver.mjs; resolves { port, child, exited, stdout } once it printed `listening PORT`.
function startReceiver(args) {
  const child = spawn(process.execPath, [join(here, 'receiver.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /^listening (\d+)\n/.exec(out);
      if (m) resolve({ port: Number(m[1]), child, exited, stdout: () => out });
    });
    exited.then(({ code }) => reject(new Error(`receiver exited (${code}) before listening: ${stderr.trim()}`)));
  });
}

// Runs one step; an exception inside it is one failure and the run goes on.
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(name, false, e.stack ?? String(e));
  }
}

// ---- vectors and sign.mjs -----------------------------------------------------

await step('vectors.json', async () => {
  const { vectors } = JSON.parse(readFileSync(join(here, 'vectors.json'), 'utf8'));
  check('vectors.json has a published vector', vectors.some((v) => v.origin === 'published'));
  const realNow = Date.now;
  for (const v of vectors) {
    const wh = new Webhook(v.secret);
    const date = new Date(v.timestamp * 1000);
    checkEqual(`vector "${v.name}": official sign()`, wh.sign(v.msg_id, date, v.payload), v.signature);

    // An independent computation: HMAC-SHA256 with node:crypto over "id.timestamp.payload".
    const key = Buffer.from(v.secret.replace(/^whsec_/, ''), 'base64');
    const mac = createHmac('sha256', key).update(`${v.msg_id}.${v.timestamp}.${v.payload}`, 'utf8').digest('base64');
    checkEqual(`vector "${v.name}": node:crypto HMAC`, `v1,${mac}`, v.signature);

    // verify() refuses timestamps more than 5 minutes from now, so pretend "now" is the vector's time.
    const headers = { 'webhook-id': v.msg_id, 'webhook-timestamp': String(v.timestamp), 'webhook-signature': v.signature };
    Date.now = () => v.timestamp * 1000 + 1000;
    let verified = false;
    let tamperedRefused = false;
    try {
      wh.verify(v.payload, headers, { jsonParse: false });
      verified = true;
      wh.verify(`${v.payload} `, headers, { jsonParse: false });
    } catch (e) {
      tamperedRefused = verified && e.message === 'No matching signature found';
    } finally {
      Date.now = realNow;
    }
    check(`vector "${v.name}": official verify() accepts it`, verified);
    check(`vector "${v.name}": official verify() refuses the payload with one more byte`, tamperedRefused);

    const cli = execFileSync(process.execPath, [
      join(here, 'sign.mjs'), '--secret', v.secret, '--id', v.msg_id, '--timestamp', String(v.timestamp), '--body', v.payload,
    ], { encoding: 'utf8' });
    checkEqual(`vector "${v.name}": sign.mjs prints it`, cli, `${v.signature}\n`);
  }
});

// ---- receiver: verification, rotation, stats, deliveries ----------------------

const secretA = newSecret();
const secretB = newSecret(); // the second secret of a rotation
const strangerSecret = newSecret(); // a secret the receiver does not know

let main;
await step('start receiver', async () => {
  main = await startReceiver(['--port', '0', '--secret', secretA, '--secret', secretB]);
  check('receiver prints "listening PORT" with a real port', main.port > 0, main.stdout());
});

if (main) {
  const { port } = main;
  const body1 = JSON.stringify({ type: 'survey.requested', timestamp: new Date().toISOString(), data: { survey: 'nps', n: 1 } });
  const body2 = JSON.stringify({ type: 'survey.completed', timestamp: new Date().toISOString(), data: { survey: 'nps', score: 9 } });

  await step('signed deliveries', async () => {
    let r = await request(port, 'POST', '/webhooks', { body: body1, headers: signedHeaders(secretA, 'msg_1', body1) });
    checkEqual('a delivery signed with the first secret gets 204', r.status, 204);
    check('... with an empty body', r.body === '');

    r = await request(port, 'POST', '/', { body: body2, headers: signedHeaders(secretB, 'msg_2', body2) });
    checkEqual('a delivery signed with the second (rotation) secret gets 204', r.status, 204);

    r = await request(port, 'POST', '/', { body: body1, headers: signedHeaders([strangerSecret, secretA], 'msg_3', body1) });
    checkEqual('a header with two signatures, one of them known, gets 204', r.status, 204);

    r = await request(port, 'POST', '/', { body: body1, headers: signedHeaders(secretA, 'msg_1', body1) });
    checkEqual('the same webhook-id again gets 204 (a duplicate)', r.status, 204);
  });

  await step('refused deliveries', async () => {
    const tampered = body1.replace('"n":1', '"n":2');
    let r = await request(port, 'POST', '/', { body: tampered, headers: signedHeaders(secretA, 'msg_bad', body1) });
    checkEqual('a tampered body gets 401', r.status, 401);

    r = await request(port, 'POST', '/', { body: body1, headers: signedHeaders(strangerSecret, 'msg_stranger', body1) });
    checkEqual('a delivery signed with an unknown secret gets 401', r.status, 401);

    r = await request(port, 'POST', '/', { body: body1, headers: signedHeaders(secretA, 'msg_old', body1, nowSeconds() - 600) });
    checkEqual('a delivery 10 minutes old gets 401', r.status, 401);

    r = await request(port, 'POST', '/', { body: body1, headers: { 'content-type': 'application/json' } });
    checkEqual('a delivery without webhook headers gets 401', r.status, 401);

    const big = Buffer.alloc(1024 * 1024 + 1, 'x');
    r = await request(port, 'POST', '/', { body: big, headers: signedHeaders(secretA, 'msg_big', big.toString()) });
    checkEqual('a body over 1 MiB gets 413', r.status, 413);

    const exact = Buffer.alloc(1024 * 1024, ' ');
    exact.write(body2);
    r = await request(port, 'POST', '/', { body: exact, headers: signedHeaders(secretA, 'msg_exact', exact.toString()) });
    checkEqual('a body of exactly 1 MiB is verified and gets 204', r.status, 204);
  });

  await step('GET /stats', async () => {
    const r = await request(port, 'GET', '/stats');
    checkEqual('GET /stats answers 200', r.status, 200);
    const s = r.json;
    checkEqual('stats.requests', s.requests, 10);
    checkEqual('stats.verified', s.verified, 5);
    checkEqual('stats.invalid', s.invalid, 5);
    // msg_1 msg_2 msg_3 msg_bad msg_stranger msg_old msg_big msg_exact; the header-less one has no id
    checkEqual('stats.unique_ids', s.unique_ids, 8);
    checkEqual('stats.delivered_ids', s.delivered_ids, 4);
    checkEqual('stats.duplicates', s.duplicates, 1);
    checkEqual('stats.by_type (verified requests)', s.by_type, { 'survey.requested': 3, 'survey.completed': 2 });
    checkEqual('stats.invalid_reasons', s.invalid_reasons, [
      { id: 'msg_bad', error: 'No matching signature found' },
      { id: 'msg_stranger', error: 'No matching signature found' },
      { id: 'msg_old', error: 'Message timestamp too old' },
      { id: null, error: 'Missing required headers' },
      { id: 'msg_big', error: 'body larger than 1048576 bytes' },
    ]);
  });

  await step('GET /deliveries', async () => {
    const r = await request(port, 'GET', '/deliveries');
    checkEqual('GET /deliveries answers 200', r.status, 200);
    const list = r.json;
    checkEqual('one record per webhook request', list.length, 10);
    const [first, second, , again] = list;
    checkEqual('record fields', Object.keys(first).sort(), [
      'attempt', 'data', 'error', 'host', 'id', 'received_at_ms', 'secret_index', 'status_sent', 'timestamp', 'type', 'verified',
    ]);
    check('the Host header is recorded', /^127\.0\.0\.1:\d+$/.test(first.host), first.host);
    checkEqual('first record', { ...first, received_at_ms: 0, timestamp: 0, host: '' }, {
      id: 'msg_1', host: '', timestamp: 0, type: 'survey.requested', verified: true, error: null, secret_index: 0,
      attempt: 1, status_sent: 204, received_at_ms: 0, data: { survey: 'nps', n: 1 },
    });
    check('received_at_ms is a recent epoch time in ms', Math.abs(first.received_at_ms - Date.now()) < 10_000, first.received_at_ms);
    check('timestamp is the header text', /^\d+$/.test(first.timestamp), first.timestamp);
    checkEqual('the rotation secret is recorded as secret_index 1', second.secret_index, 1);
    checkEqual('the repeated id is attempt 2', again.attempt, 2);
    const tampered = list.find((d) => d.id === 'msg_bad');
    checkEqual('the tampered one is recorded unverified with its error and 401',
      [tampered.verified, tampered.error, tampered.status_sent], [false, 'No matching signature found', 401]);
  });

  await step('POST /reset', async () => {
    let r = await request(port, 'POST', '/reset');
    checkEqual('POST /reset answers 204', r.status, 204);
    r = await request(port, 'GET', '/stats');
    checkEqual('stats are empty after a reset', [r.json.requests, r.json.unique_ids, r.json.invalid_reasons], [0, 0, []]);
    r = await request(port, 'GET', '/deliveries');
    checkEqual('deliveries are empty after a reset', r.json, []);
  });

  // Sends one delivery signed with secretA for `id`; resolves the response or the error.
  const deliver = (id, opts = {}) =>
    request(port, 'POST', '/', { body: body1, headers: signedHeaders(secretA, id, body1), ...opts }).catch((e) => e);

  await step('faults switched with POST /mode', async () => {
    let r = await request(port, 'POST', '/mode', { body: '{"mode":"reset"}' });
    checkEqual('POST /mode answers the new behaviour', [r.status, r.json], [200, { mode: 'reset', status: 204, fail_first: 0, fail_status: 500 }]);
    r = await deliver('msg_reset');
    check('mode reset: the connection is dropped without an answer', r instanceof Error && r.code === 'ECONNRESET', r.code ?? r.status);

    await request(port, 'POST', '/mode', { body: '{"mode":"hang"}' });
    r = await deliver('msg_hang', { timeoutMs: 300 });
    check('mode hang: no answer before the client gives up (300 ms)', r instanceof Error && r.code === 'TIMEOUT', r.code ?? r.status);

    await request(port, 'POST', '/mode', { body: '{"mode":"gone"}' });
    r = await deliver('msg_gone');
    checkEqual('mode gone: 410', r.status, 410);

    await request(port, 'POST', '/mode', { body: '{"mode":"slow:300"}' });
    r = await deliver('msg_slow');
    check('mode slow:300: 204 after at least 300 ms', r.status === 204 && r.ms >= 290, `status ${r.status} after ${r.ms} ms`);

    // Recovery, with the first attempt of each id failing.
    r = await request(port, 'POST', '/mode', { body: '{"mode":"ok","fail_first":1,"fail_status":503}' });
    checkEqual('back to ok with fail_first 1', r.json, { mode: 'ok', status: 204, fail_first: 1, fail_status: 503 });
    r = await deliver('msg_recover');
    checkEqual('fail_first 1: attempt 1 gets 503', r.status, 503);
    r = await deliver('msg_recover');
    checkEqual('fail_first 1: attempt 2 gets 204', r.status, 204);

    r = await request(port, 'POST', '/mode', { body: '{"fail_first":0,"status":200}' });
    checkEqual('fields can be changed one at a time', r.json, { mode: 'ok', status: 200, fail_first: 0, fail_status: 503 });
    r = await deliver('msg_200');
    checkEqual('status 200 is used', r.status, 200);

    r = await request(port, 'POST', '/mode', { body: '{"mode":"sideways"}' });
    checkEqual('an unknown mode is refused with 400', r.status, 400);
    r = await request(port, 'POST', '/mode', { body: 'not json' });
    checkEqual('a body that is not JSON is refused with 400', r.status, 400);
    r = await request(port, 'GET', '/nowhere');
    checkEqual('an unknown route gets 404', r.status, 404);

    r = await request(port, 'GET', '/deliveries');
    const sent = Object.fromEntries(r.json.map((d) => [`${d.id}#${d.attempt}`, d.status_sent]));
    checkEqual('status_sent per attempt (null when nothing was answered)', sent, {
      'msg_reset#1': null, 'msg_hang#1': null, 'msg_gone#1': 410, 'msg_slow#1': 204,
      'msg_recover#1': 503, 'msg_recover#2': 204, 'msg_200#1': 200,
    });
    r = await request(port, 'GET', '/stats');
    checkEqual('stats after the faults', [r.json.requests, r.json.verified, r.json.delivered_ids, r.json.duplicates], [7, 7, 3, 0]);
  });

  await step('SIGTERM with a hung request open', async () => {
    await request(port, 'POST', '/mode', { body: '{"mode":"hang"}' });
    const hung = deliver('msg_hung_at_exit', { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    main.child.kill('SIGTERM');
    const { code, signal } = await main.exited;
    const ms = Date.now() - t0;
    check('SIGTERM: the receiver exits 0 within 2.5 s although a request hangs', code === 0 && ms < 2500, `code ${code} signal ${signal} after ${ms} ms`);
    const r = await hung;
    check('... and the hung client sees its connection closed', r instanceof Error && r.code !== 'TIMEOUT', r.code ?? r.status);
    checkEqual('stdout held that one line and nothing else', main.stdout(), `listening ${port}\n`);
  });
}

// ---- receiver: behaviour given on the command line ---------------------------

await step('command-line faults', async () => {
  const cli = await startReceiver([
    '--port', '0', '--secret', secretA, '--status', '200', '--fail-first', '2', '--fail-status', '502', '--mode', 'slow:50',
  ]);
  const body = JSON.stringify({ type: 'survey.requested', data: {} });
  const send = (id) => request(cli.port, 'POST', '/hook', { body, headers: signedHeaders(secretA, id, body) });
  const statuses = [];
  for (const id of ['x', 'x', 'x', 'x', 'y']) statuses.push((await send(id)).status);
  checkEqual('--fail-first 2 --fail-status 502 --status 200 (ids x,x,x,x,y)', statuses, [502, 502, 200, 200, 502]);
  const r = await request(cli.port, 'GET', '/stats');
  checkEqual('stats: unique_ids, delivered_ids, duplicates', [r.json.unique_ids, r.json.delivered_ids, r.json.duplicates], [2, 1, 1]);
  checkEqual('stats.config shows the command line', r.json.config, { mode: 'slow:50', status: 200, fail_first: 2, fail_status: 502 });
  cli.child.kill('SIGINT');
  const { code } = await cli.exited;
  checkEqual('SIGINT: the receiver exits 0', code, 0);
});

await step('bad command lines', async () => {
  const secret = newSecret();
  for (const args of [['--port', '0'], ['--secret', secret, '--mode', 'sideways'], ['--secret', secret, '--status', '99'], ['--secret', secret, '--bogus']]) {
    const outcome = await startReceiver(args).then(
      (r) => (r.child.kill('SIGTERM'), 'it started'),
      (e) => e.message,
    );
    const shown = args.map((a) => (a === secret ? 'whsec_...' : a)).join(' ');
    check(`refused with exit status 2: receiver.mjs ${shown}`, /exited \(2\)/.test(outcome), outcome);
  }
});

// Stop any receiver a failed step left running, then print the summary line.
clearTimeout(watchdog);
for (const child of children) child.kill('SIGKILL');
console.log(`\nself-test took ${Date.now() - started} ms`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
