#!/usr/bin/env node
// A light webhook receiver for the delivery benchmarks (tests/bench/deliver.sh,
// tests/bench/latency.sh): it answers every POST 204 at once and counts what it
// got, so the benchmark measures the engine rather than the receiver. The full
// test receiver, tests/webhooks/receiver.mjs, verifies every signature with the
// official package and keeps every body in memory: right for tests, too heavy to
// take 100,000 deliveries a second's share of the two cores.
//
//   node tests/bench/webhook_sink.mjs --port 0 --secret whsec_XXX [--verify-every N] [--record]
//
// Prints `listening PORT` once it accepts connections.
//   --verify-every N  checks the Standard Webhooks signature (HMAC-SHA256 of
//                     "id.timestamp.body", node:crypto) of every Nth delivery (default 50;
//                     1 checks them all, 0 none); a failure is counted as invalid.
//   --record          keeps, for each survey.requested, the arrival time of the first
//                     delivery per data.contact.external_id (GET /arrivals), for latency.
// GET /stats: {"requests","deliveries" (POSTs with a webhook-id),"unique_ids","duplicates",
//   "by_type","checked","invalid","first_ms","last_ms"}; POST /reset forgets everything.
// Times are milliseconds since the epoch with microseconds (performance.timeOrigin + now()).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    secret: { type: 'string' },
    'verify-every': { type: 'string', default: '50' },
    record: { type: 'boolean', default: false },
  },
  strict: true,
});
const verifyEvery = Number(args['verify-every']);
const key = args.secret ? Buffer.from(args.secret.replace(/^whsec_/, ''), 'base64') : null;
if (verifyEvery > 0 && !key) {
  process.stderr.write('webhook_sink.mjs: --secret is needed unless --verify-every 0\n');
  process.exit(2);
}

const now = () => performance.timeOrigin + performance.now();
let state;
function reset() {
  state = { requests: 0, deliveries: 0, ids: new Set(), duplicates: 0, byType: {}, checked: 0, invalid: 0,
            first: null, last: null, arrivals: new Map() };
}
reset();

function verify(id, timestamp, body, header) {
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return (header ?? '').split(' ').some((part) => part === `v1,${expected}`);
}

function delivery(req, body) {
  const at = now();
  const id = req.headers['webhook-id'];
  if (!id) return;
  state.deliveries += 1;
  if (state.first === null) state.first = at;
  state.last = at;
  if (state.ids.has(id)) state.duplicates += 1;
  else state.ids.add(id);
  // The body starts {"type":"...": read the type without parsing the whole body.
  const head = body.subarray(0, 64).toString('latin1');
  const type = /^\{"type":"([^"]+)"/.exec(head)?.[1] ?? 'unknown';
  state.byType[type] = (state.byType[type] ?? 0) + 1;
  if (verifyEvery > 0 && state.deliveries % verifyEvery === 0) {
    state.checked += 1;
    if (!verify(id, req.headers['webhook-timestamp'], body, req.headers['webhook-signature'])) state.invalid += 1;
  }
  if (args.record && type === 'survey.requested') {
    const contact = JSON.parse(body.toString('utf8'))?.data?.contact?.external_id;
    if (contact && !state.arrivals.has(contact)) state.arrivals.set(contact, at);
  }
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  state.requests += 1;
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/stats') {
      const { requests, deliveries, ids, duplicates, byType, checked, invalid, first, last } = state;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ requests, deliveries, unique_ids: ids.size, duplicates, by_type: byType, checked, invalid,
                               first_ms: first, last_ms: last }));
      return;
    }
    if (req.method === 'GET' && req.url === '/arrivals') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Object.fromEntries(state.arrivals)));
      return;
    }
    if (req.method === 'POST' && req.url === '/reset') {
      reset();
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    delivery(req, Buffer.concat(chunks));
    res.writeHead(204).end();
  });
});
server.listen(Number(args.port), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
