#!/usr/bin/env node
// A Standard Webhooks receiver for integration tests and benchmarks.
//
// It verifies every delivery with the official `standardwebhooks` package,
// records what it saw, and can misbehave on purpose (fail the first attempts,
// hang, answer slowly, reset the connection, answer 410 Gone). See README.md.
//
//   node receiver.mjs --port 0 --secret whsec_XXX [--secret whsec_YYY]
//        [--status 204] [--fail-first N] [--fail-status 500]
//        [--mode ok|hang|slow:MS|reset|gone] [--tls-key FILE --tls-cert FILE]
//
// With --tls-key and --tls-cert it serves HTTPS with that key and certificate.
//
// On start it prints one line, `listening PORT`, to stdout.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const MAX_BODY = 1024 * 1024; // bigger bodies are answered 413
const MAX_INVALID_REASONS = 20;

function usage(message) {
  process.stderr.write(
    `receiver.mjs: ${message}\n` +
      'usage: node receiver.mjs --port 0 --secret whsec_XXX [--secret whsec_YYY] [--status 204]\n' +
      '         [--fail-first N] [--fail-status 500] [--mode ok|hang|slow:MS|reset|gone]\n',
  );
  process.exit(2);
}

// "ok", "hang", "reset", "gone" or "slow:MS" -> { name, delayMs }; throws on anything else.
function parseMode(text) {
  if (['ok', 'hang', 'reset', 'gone'].includes(text)) return { name: text, delayMs: 0 };
  const slow = /^slow:(\d+)$/.exec(text ?? '');
  if (slow) return { name: 'slow', delayMs: Number(slow[1]) };
  throw new Error(`unknown mode ${JSON.stringify(text)} (ok, hang, slow:MS, reset or gone)`);
}

function parseStatus(value, what) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 200 || n > 599) throw new Error(`${what} must be an HTTP status 200..599, not ${JSON.stringify(value)}`);
  return n;
}

function parseCount(value, what) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number >= 0, not ${JSON.stringify(value)}`);
  return n;
}

// ---- command line -----------------------------------------------------------

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      secret: { type: 'string', multiple: true, default: [] },
      status: { type: 'string', default: '204' },
      'fail-first': { type: 'string', default: '0' },
      'fail-status': { type: 'string', default: '500' },
      mode: { type: 'string', default: 'ok' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  usage(e.message);
}

let verifiers; // [{ index, webhook }], one per --secret, tried in order
const config = {}; // what the receiver does now; POST /mode changes it
let port;
try {
  if (args.secret.length === 0) throw new Error('at least one --secret is required');
  verifiers = args.secret.map((secret, index) => ({ index, webhook: new Webhook(secret) }));
  port = parseCount(args.port, '--port');
  config.mode = parseMode(args.mode);
  config.status = parseStatus(args.status, '--status');
  config.failFirst = parseCount(args['fail-first'], '--fail-first');
  config.failStatus = parseStatus(args['fail-status'], '--fail-status');
} catch (e) {
  usage(e.message);
}

// ---- records ----------------------------------------------------------------

let deliveries = []; // one entry per webhook POST, in arrival order
let attempts = new Map(); // webhook-id -> attempts seen so far

function describeConfig() {
  const { mode, status, failFirst, failStatus } = config;
  return {
    mode: mode.name === 'slow' ? `slow:${mode.delayMs}` : mode.name,
    status,
    fail_first: failFirst,
    fail_status: failStatus,
  };
}

function stats() {
  const ids = new Set();
  const twoXxById = new Map();
  const byType = {};
  const invalidReasons = [];
  let verified = 0;
  for (const d of deliveries) {
    if (d.id !== null) ids.add(d.id);
    if (d.verified) {
      verified += 1;
      if (d.type !== null) byType[d.type] = (byType[d.type] ?? 0) + 1;
    } else if (invalidReasons.length < MAX_INVALID_REASONS) {
      invalidReasons.push({ id: d.id, error: d.error });
    }
    if (d.status_sent !== null && d.status_sent >= 200 && d.status_sent < 300) {
      twoXxById.set(d.id, (twoXxById.get(d.id) ?? 0) + 1);
    }
  }
  let duplicates = 0;
  for (const n of twoXxById.values()) duplicates += n - 1;
  return {
    requests: deliveries.length,
    verified,
    invalid: deliveries.length - verified,
    unique_ids: ids.size,
    delivered_ids: twoXxById.size,
    duplicates,
    by_type: byType,
    invalid_reasons: invalidReasons,
    config: describeConfig(),
  };
}

// Tries every secret; the official package also checks the timestamp is within 5 minutes.
// jsonParse is off so a body that is not JSON still verifies; we parse it ourselves.
function verify(body, headers) {
  const errors = [];
  for (const { index, webhook } of verifiers) {
    try {
      webhook.verify(body, headers, { jsonParse: false });
      return { verified: true, secretIndex: index, error: null };
    } catch (e) {
      if (!errors.includes(e.message)) errors.push(e.message);
    }
  }
  return { verified: false, secretIndex: null, error: errors.join('; ') };
}

// ---- HTTP -------------------------------------------------------------------

const pendingTimers = new Set(); // slow answers not sent yet, cleared on shutdown

function sendJson(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Reads the whole body. Resolves to a Buffer, or to null when it is over MAX_BODY
// (the rest is still read and thrown away, so the client can finish writing and
// see the 413 instead of a broken pipe).
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooBig = Number(req.headers['content-length'] ?? 0) > MAX_BODY;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) tooBig = true;
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req, name) {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

async function handleWebhook(req, res) {
  const receivedAt = Date.now();
  const body = await readBody(req);
  const id = header(req, 'webhook-id');
  const attemptKey = id ?? '';
  const attempt = (attempts.get(attemptKey) ?? 0) + 1;
  attempts.set(attemptKey, attempt);

  const record = {
    id,
    host: header(req, 'host'),
    timestamp: header(req, 'webhook-timestamp'),
    type: null,
    verified: false,
    error: null,
    secret_index: null,
    attempt,
    status_sent: null, // stays null when nothing was answered (hang, reset)
    received_at_ms: receivedAt,
    data: null,
  };
  deliveries.push(record);

  if (body === null) {
    record.error = `body larger than ${MAX_BODY} bytes`;
    return answer(res, record, 413);
  }
  const result = verify(body, req.headers);
  record.verified = result.verified;
  record.secret_index = result.secretIndex;
  record.error = result.error;
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object') {
      record.type = typeof parsed.type === 'string' ? parsed.type : null;
      record.data = parsed.data ?? null;
    }
  } catch {
    // not JSON: type and data stay null
  }

  // The endpoint's state comes first, whatever the request holds.
  const { mode } = config;
  if (mode.name === 'hang') return; // never answer; the socket stays open
  if (mode.name === 'reset') return req.socket.destroy();
  if (mode.name === 'gone') return answer(res, record, 410);

  let status = config.status;
  if (!record.verified) status = 401;
  else if (attempt <= config.failFirst) status = config.failStatus;

  if (mode.name === 'slow') {
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      answer(res, record, status);
    }, mode.delayMs);
    pendingTimers.add(timer);
    return;
  }
  answer(res, record, status);
}

function answer(res, record, status) {
  if (res.destroyed) return; // the client gave up (e.g. during a slow answer)
  record.status_sent = status;
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

async function readJson(req) {
  const body = await readBody(req);
  if (body === null) throw new Error('body too large');
  const text = body.toString('utf8').trim();
  return text === '' ? {} : JSON.parse(text);
}

// POST /mode {"mode": "...", "status": N, "fail_first": N, "fail_status": N}; every field optional.
async function handleMode(req, res) {
  const next = { ...config };
  try {
    const body = await readJson(req);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('expected a JSON object');
    if ('mode' in body) next.mode = parseMode(body.mode);
    if ('status' in body) next.status = parseStatus(body.status, 'status');
    if ('fail_first' in body) next.failFirst = parseCount(body.fail_first, 'fail_first');
    if ('fail_status' in body) next.failStatus = parseStatus(body.fail_status, 'fail_status');
  } catch (e) {
    return sendJson(res, 400, { error: e.message });
  }
  Object.assign(config, next);
  sendJson(res, 200, describeConfig());
}

if (Boolean(args['tls-key']) !== Boolean(args['tls-cert'])) usage('--tls-key and --tls-cert go together');
const tls = args['tls-key'] ? { key: readFileSync(args['tls-key']), cert: readFileSync(args['tls-cert']) } : null;
const handler = (req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  const route = `${req.method} ${path}`;
  const fail = (e) => {
    if (!res.headersSent) sendJson(res, 500, { error: String(e?.message ?? e) });
  };
  if (route === 'GET /stats') return sendJson(res, 200, stats());
  if (route === 'GET /deliveries') return sendJson(res, 200, deliveries);
  if (route === 'POST /reset') {
    deliveries = [];
    attempts = new Map();
    req.resume();
    res.writeHead(204).end();
    return;
  }
  if (route === 'POST /mode') return handleMode(req, res).catch(fail);
  if (req.method === 'POST') return handleWebhook(req, res).catch(fail); // any other path
  req.resume();
  sendJson(res, 404, { error: `no route ${route}` });
};
const server = tls ? https.createServer(tls, handler) : http.createServer(handler);

server.on('clientError', (err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  else socket.destroy();
});

server.listen(port, '127.0.0.1', () => {
  // Pipes and files are written synchronously by Node on Linux, so the line is out before anyone reads.
  process.stdout.write(`listening ${server.address().port}\n`);
});

server.on('error', (e) => {
  process.stderr.write(`receiver.mjs: ${e.message}\n`);
  process.exit(1);
});

// Hung and keep-alive connections would hold server.close() open, so drop them.
function shutdown() {
  for (const timer of pendingTimers) clearTimeout(timer);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
