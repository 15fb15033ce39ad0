#!/usr/bin/env node
// Posts events one by one to POST /v1/events at a fixed rate, for tests/bench/latency.sh.
// Event i is for a new contact PREFIX-i (so no fatigue rule holds it back); the time
// each request was sent and answered is kept, and written as JSON to --out at the end:
// {"sent": {"PREFIX-i": ms, ...}, "answered_ms": [...], "errors": N, "rate": achieved, ...}.
//
//   node tests/bench/pace_events.mjs --url http://127.0.0.1:PORT --key KEY --rate 1000
//        --seconds 30 --name bench.latency --prefix lat --out FILE [--connections 32]
//
// The schedule is fixed in advance (event i due at start + i / rate); a timer every
// millisecond sends every event that is due, so a slow answer never delays the next
// ones (up to --connections requests in flight; more wait for a free connection).
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' }, key: { type: 'string' }, rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' }, name: { type: 'string', default: 'bench.latency' },
    prefix: { type: 'string', default: 'lat' }, out: { type: 'string' },
    connections: { type: 'string', default: '32' },
  },
  strict: true,
});
const rate = Number(args.rate);
const total = Math.round(rate * Number(args.seconds));
const target = new URL(args.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(args.connections) });
const now = () => performance.timeOrigin + performance.now();

const sent = {};
const answered = [];
let errors = 0, done = 0, next = 0, lateMax = 0;
const start = now() + 50;

function post(i) {
  const contact = `${args.prefix}-${i}`;
  const body = JSON.stringify({ id: `${args.prefix}-ev-${i}`, contact, name: args.name, properties: { n: i } });
  const at = now();
  sent[contact] = at;
  const req = http.request({ agent, host: target.hostname, port: target.port, path: '/v1/events', method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${args.key}`, 'content-length': Buffer.byteLength(body) } },
  (res) => {
    res.resume();
    res.on('end', () => {
      answered.push(now() - at);
      if (res.statusCode !== 202) errors += 1;
      finish();
    });
  });
  req.on('error', () => { errors += 1; finish(); });
  req.end(body);
}

function finish() {
  done += 1;
  if (done < total) return;
  const elapsed = (now() - start) / 1000;
  writeFileSync(args.out, JSON.stringify({ sent, answered_ms: answered, errors, events: total,
    seconds: elapsed, rate: total / elapsed, late_max_ms: lateMax }));
  agent.destroy();
  process.exit(0);
}

const timer = setInterval(() => {
  const t = now();
  while (next < total && start + (next * 1000) / rate <= t) {
    lateMax = Math.max(lateMax, t - (start + (next * 1000) / rate));
    post(next);
    next += 1;
  }
  if (next >= total) clearInterval(timer);
}, 1);
