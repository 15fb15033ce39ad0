#!/usr/bin/env node
// Signs a payload with the official `standardwebhooks` package and prints the
// `webhook-signature` header value (`v1,<base64>`), so a test can compare
// another signer's output with the reference implementation.
//
//   node sign.mjs --secret whsec_X --id msg_1 --timestamp 1700000000 --body '{"a":1}'
//   node sign.mjs --secret whsec_X --id msg_1 --timestamp 1700000000 --body-file payload.json
//
// --body-file signs the file's content exactly as stored (no trailing newline is added or
// removed), which avoids shell quoting trouble. The package turns a Buffer into a string
// as UTF-8 before signing, so the file must be valid UTF-8 (JSON always is).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

function fail(message) {
  process.stderr.write(
    `sign.mjs: ${message}\n` +
      'usage: node sign.mjs --secret whsec_X --id MSG_ID --timestamp UNIX_SECONDS (--body TEXT | --body-file PATH)\n',
  );
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      secret: { type: 'string' },
      id: { type: 'string' },
      timestamp: { type: 'string' },
      body: { type: 'string' },
      'body-file': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  fail(e.message);
}

if (!args.secret) fail('--secret is required');
if (!args.id) fail('--id is required');
if (!/^\d+$/.test(args.timestamp ?? '')) fail('--timestamp must be whole unix seconds');
if ((args.body === undefined) === (args['body-file'] === undefined)) fail('give exactly one of --body and --body-file');

const body = args.body ?? readFileSync(args['body-file']);
try {
  // The package takes a Date and signs Math.floor(date / 1000), i.e. the whole seconds given.
  const signature = new Webhook(args.secret).sign(args.id, new Date(Number(args.timestamp) * 1000), body);
  process.stdout.write(`${signature}\n`);
} catch (e) {
  fail(e.message);
}
