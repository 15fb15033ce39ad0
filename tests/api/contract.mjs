// Holds real HTTP exchanges against the OpenAPI document: the route and status
// must be documented, the body must validate (Ajv, JSON Schema 2020-12) against
// the schema documented for that route, status and media type, and a request the
// server accepted must fit the documented parameters, body and security.
//
// The document leaves objects open, as a public contract should (fields may be
// added); here every object it describes is closed, so an answer carrying a field
// the document does not name fails. Shared parts joined with allOf (the
// "mixins": ScoreStatistics, Funnel, …) are closed where they are joined.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = 'touchpoint:openapi';
const SCHEMA_REF = '#/components/schemas/';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const clone = (value) => structuredClone(value);

// Every {"$ref": "#/components/schemas/X"} and whether it sits directly in an allOf.
function collectRefs(node, inAllOf, into) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, false, into);
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string' && node.$ref.startsWith(SCHEMA_REF))
    into.push({ name: node.$ref.slice(SCHEMA_REF.length), inAllOf });
  for (const [key, value] of Object.entries(node)) {
    if (key === 'allOf' && Array.isArray(value)) for (const item of value) collectRefs(item, true, into);
    else collectRefs(value, false, into);
  }
}

// Rewrites references into the one schema Ajv holds, and closes every object
// schema that is not itself a member of an allOf (its parent closes it).
function prepare(node, inAllOf) {
  if (Array.isArray(node)) return node.map((item) => prepare(item, false));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF))
      out.$ref = `${ROOT}#/$defs/${value.slice(SCHEMA_REF.length)}`;
    else if (key === 'allOf') out.allOf = value.map((item) => prepare(item, true));
    else if (['properties', 'patternProperties', '$defs'].includes(key))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, prepare(schema, false)]));
    else if (['examples', 'enum', 'const', 'default', 'required'].includes(key)) out[key] = value;
    else out[key] = prepare(value, false);
  }
  const describesObject = 'properties' in out || 'allOf' in out;
  if (describesObject && !inAllOf && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
    out.unevaluatedProperties = false;
    out.type ??= 'object'; // a composition of object schemas is one
  }
  return out;
}

function mediaTypeOf(header) {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

export class Contract {
  constructor(document) {
    this.document = document;
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(this.ajv);

    const refs = [];
    collectRefs(document, false, refs);
    this.mixins = new Set(refs.filter((r) => r.inAllOf).map((r) => r.name));
    const misused = refs.filter((r) => !r.inAllOf && this.mixins.has(r.name)).map((r) => r.name);
    if (misused.length)
      throw new Error(`schemas joined with allOf are also used alone (wrap them in allOf): ${[...new Set(misused)]}`);
    const defs = {};
    for (const [name, schema] of Object.entries(document.components.schemas))
      defs[name] = prepare(clone(schema), this.mixins.has(name));
    this.ajv.addSchema({ $id: ROOT, $defs: defs });
    for (const name of Object.keys(defs)) this.ajv.getSchema(`${ROOT}#/$defs/${name}`); // compile all: fail early

    this.operations = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const method of HTTP_METHODS)
        if (item[method]) this.operations.push({ method: method.toUpperCase(), path, item, op: item[method] });
    this.validators = new Map();
    this.seen = new Map(); // "METHOD /path/{template}" -> Set of statuses
    this.examples = new Map(); // first 2xx JSON body per operation
  }

  key(method, path) {
    return `${method} ${path}`;
  }

  resolve(node) {
    let out = node;
    while (out && typeof out.$ref === 'string') {
      const parts = out.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      out = parts.reduce((at, part) => at?.[part], this.document);
      if (!out) throw new Error(`unresolved $ref ${node.$ref}`);
    }
    return out;
  }

  validator(schema, where) {
    if (!this.validators.has(where)) this.validators.set(where, this.ajv.compile(prepare(clone(schema), false)));
    return this.validators.get(where);
  }

  validate(schema, value, where) {
    const check = this.validator(schema, where);
    if (check(value)) return;
    const problems = check.errors.slice(0, 8).map((e) => `  ${e.instancePath || '(root)'} ${e.message}` +
      (e.params?.unevaluatedProperty ? ` "${e.params.unevaluatedProperty}" (not in the document)` : '') +
      (e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''));
    throw new Error(`${where}: the body does not fit the documented schema:\n${problems.join('\n')}\n` +
      `  body: ${JSON.stringify(value).slice(0, 600)}`);
  }

  // The documented path for a concrete one, the way the router matches: literal
  // segments first, then {parameters}.
  match(pathname) {
    const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    let best = null;
    for (const path of Object.keys(this.document.paths)) {
      const pattern = path.split('/').filter(Boolean);
      if (pattern.length !== segments.length) continue;
      const params = {};
      let literal = 0;
      const fits = pattern.every((part, i) => {
        if (/^\{.+\}$/.test(part)) {
          params[part.slice(1, -1)] = segments[i];
          return segments[i].length > 0;
        }
        literal += 1;
        return part === segments[i];
      });
      if (fits && (!best || literal > best.literal)) best = { path, params, literal, item: this.document.paths[path] };
    }
    return best;
  }

  parametersOf(item, op) {
    const byKey = new Map();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => this.resolve(x)))
      byKey.set(`${p.in}:${p.name}`, p);
    return byKey;
  }

  checkParameter(parameter, raw, where) {
    const candidates = [raw];
    if (/^-?\d+(\.\d+)?$/.test(raw)) candidates.push(Number(raw));
    if (raw === 'true' || raw === 'false') candidates.push(raw === 'true');
    const check = this.validator(parameter.schema, `${where} parameter ${parameter.name}`);
    if (!candidates.some((value) => check(value)))
      throw new Error(`${where}: the server accepted ${parameter.in} parameter ${parameter.name}=${raw}, ` +
        `which the documented schema refuses: ${JSON.stringify(check.errors)}`);
  }

  // A request the server accepted must be one the document allows.
  checkAcceptedRequest(exchange, found, op, where) {
    const security = op.security ?? this.document.security ?? [];
    const allows = {
      none: security.length === 0 || security.some((s) => Object.keys(s).length === 0),
      admin: security.some((s) => 'adminKey' in s),
      ingest: security.some((s) => 'ingestKey' in s),
      access: security.some((s) => 'reportAccess' in s),
    };
    if (!allows[exchange.auth]) throw new Error(`${where}: answered ${exchange.status} to a request with credential ` +
      `"${exchange.auth}", which the documented security ${JSON.stringify(security)} does not name`);

    const parameters = this.parametersOf(found.item, op);
    for (const [name, value] of Object.entries(found.params)) {
      const parameter = parameters.get(`path:${name}`);
      if (!parameter) throw new Error(`${where}: path parameter ${name} is not documented`);
      this.checkParameter(parameter, value, where);
    }
    const url = new URL(exchange.url);
    for (const [name, value] of url.searchParams) {
      const parameter = parameters.get(`query:${name}`);
      if (parameter) {
        this.checkParameter(parameter, value, where);
        continue;
      }
      const scheme = security.flatMap((s) => Object.keys(s)).map((s) => this.document.components.securitySchemes[s])
        .find((s) => s?.type === 'apiKey' && s.in === 'query' && s.name === name);
      if (scheme) continue;
      // Contact attribute filters have free names: the operation describes them in words.
      if (name.startsWith('attr.') && (op.description ?? '').includes('attr.NAME')) continue;
      throw new Error(`${where}: the server accepted query parameter "${name}", which the document does not name`);
    }

    if (exchange.requestBody === undefined) {
      if (op.requestBody && this.resolve(op.requestBody).required)
        throw new Error(`${where}: the document requires a body, yet the server accepted none`);
      return;
    }
    if (!op.requestBody) throw new Error(`${where}: the server accepted a body the document does not describe`);
    const body = this.resolve(op.requestBody);
    const media = mediaTypeOf(exchange.requestContentType);
    const content = body.content?.[media] ?? (media.endsWith('+json') ? body.content?.['application/json'] : undefined);
    if (!content) throw new Error(`${where}: the server accepted a ${media} body; the document lists ` +
      `${Object.keys(body.content ?? {})}`);
    let value = exchange.requestBody;
    if (media === 'application/x-www-form-urlencoded') {
      value = {};
      for (const [name, field] of new URLSearchParams(exchange.requestBody))
        value[name] = name in value ? [].concat(value[name], field) : field;
    } else if (typeof value === 'string') {
      if (value === '') return;
      value = JSON.parse(value);
    }
    const check = this.validator(content.schema, `${where} request body`);
    if (!check(value)) throw new Error(`${where}: the server accepted a body the documented request schema refuses:\n` +
      `${JSON.stringify(check.errors.slice(0, 5), null, 1)}\n  body: ${JSON.stringify(value).slice(0, 400)}`);
  }

  // Checks one exchange; returns the parsed JSON body, if any.
  check(exchange) {
    const url = new URL(exchange.url);
    const found = this.match(url.pathname);
    const label = `${exchange.method} ${url.pathname}${url.search}`;
    if (!found) throw new Error(`${label} → ${exchange.status}: no path of the document matches`);
    const op = found.item[exchange.method.toLowerCase()];
    const where = `${exchange.method} ${found.path} → ${exchange.status}`;
    if (!op) throw new Error(`${label} → ${exchange.status}: the document has no ${exchange.method} on ${found.path}`);
    const status = String(exchange.status);
    const documented = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
    if (!documented) throw new Error(`${where}: status ${status} is not documented (documented: ` +
      `${Object.keys(op.responses)}); body: ${exchange.text.slice(0, 300)}`);
    const response = this.resolve(documented);

    for (const [name, header] of Object.entries(response.headers ?? {}))
      if (this.resolve(header).required && !exchange.headers.get(name))
        throw new Error(`${where}: the documented header ${name} is missing`);

    let json;
    if (!response.content) {
      if (exchange.text.length) throw new Error(`${where}: documented without a body, yet one came: ${exchange.text.slice(0, 200)}`);
    } else {
      const media = mediaTypeOf(exchange.headers.get('content-type'));
      const content = response.content[media];
      if (!content) throw new Error(`${where}: answered ${media || 'no Content-Type'}; the document lists ` +
        `${Object.keys(response.content)}`);
      if (media === 'application/json' || media.endsWith('+json')) {
        json = JSON.parse(exchange.text);
        this.validate(content.schema, json, `${where} ${media}`);
      } else if (content['x-itemSchema']) {
        const lines = exchange.text.split('\n').filter((line) => line.length);
        lines.forEach((line, i) => this.validate(content['x-itemSchema'], JSON.parse(line), `${where} ${media} line ${i + 1}`));
      } else {
        this.validate(content.schema, exchange.text, `${where} ${media}`);
      }
    }
    if (exchange.status >= 200 && exchange.status < 300) {
      this.checkAcceptedRequest(exchange, found, op, where);
      if (json !== undefined && !this.examples.has(this.key(exchange.method, found.path)))
        this.examples.set(this.key(exchange.method, found.path), json);
    }
    const key = this.key(exchange.method, found.path);
    if (!this.seen.has(key)) this.seen.set(key, new Set());
    this.seen.get(key).add(status);
    return json;
  }

  // Operations never answered with a 2xx, and documented statuses never seen.
  coverage() {
    const unexercised = [], unseen = [];
    for (const { method, path, op } of this.operations) {
      const seen = this.seen.get(this.key(method, path)) ?? new Set();
      if (![...seen].some((s) => s.startsWith('2'))) unexercised.push(this.key(method, path));
      for (const status of Object.keys(op.responses)) if (!seen.has(status)) unseen.push(`${this.key(method, path)} ${status}`);
    }
    return { unexercised, unseen };
  }
}
