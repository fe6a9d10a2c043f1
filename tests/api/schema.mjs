// A small JSON Schema (2020-12 subset) validator for the schemas in src/api/openapi.json, so the
// API tests check every answer against the document that is the contract (docs/design.md).
// Supports: $ref (local), type (incl. arrays of types), const, enum, required, properties,
// additionalProperties (false or schema), minProperties, items, minItems, maxItems, uniqueItems,
// minLength, maxLength (in Unicode code points), pattern (unicode), minimum, maximum, format "date".
// Keywords it does not know are ignored; the openapi test checks the document uses no others.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const openapiPath = path.join(repoRoot, 'src', 'api', 'openapi.json');

let cached;
/** The OpenAPI document, parsed once. */
export function openapi() {
  if (!cached) cached = JSON.parse(readFileSync(openapiPath, 'utf8'));
  return cached;
}

export const KNOWN_KEYWORDS = new Set([
  '$ref', 'type', 'const', 'enum', 'required', 'properties', 'additionalProperties',
  'minProperties', 'items', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength',
  'pattern', 'minimum', 'maximum', 'format', 'description', 'default', 'title', 'examples',
]);

function resolve(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want, v) {
  const got = typeOf(v);
  return want === got || (want === 'number' && got === 'integer');
}

function validDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function walk(doc, schema, v, at, errors) {
  if (schema.$ref) walk(doc, resolve(doc, schema.$ref), v, at, errors);
  const where = at || '(root)';
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, v))) {
      errors.push(`${where}: expected ${types.join('|')}, got ${typeOf(v)}`);
      return;
    }
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(v))
    errors.push(`${where}: expected const ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
    errors.push(`${where}: ${JSON.stringify(v)} not in enum`);
  const t = typeOf(v);
  if (t === 'string') {
    const n = [...v].length;
    if (schema.minLength !== undefined && n < schema.minLength) errors.push(`${where}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && n > schema.maxLength) errors.push(`${where}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(v))
      errors.push(`${where}: does not match ${schema.pattern}`);
    if (schema.format === 'date' && !validDate(v)) errors.push(`${where}: not a real YYYY-MM-DD date`);
  }
  if (t === 'integer' || t === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) errors.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && v > schema.maximum) errors.push(`${where}: above ${schema.maximum}`);
  }
  if (t === 'array') {
    if (schema.minItems !== undefined && v.length < schema.minItems) errors.push(`${where}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && v.length > schema.maxItems) errors.push(`${where}: more than ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
      errors.push(`${where}: items not unique`);
    if (schema.items) v.forEach((x, i) => walk(doc, schema.items, x, `${at}/${i}`, errors));
  }
  if (t === 'object') {
    const keys = Object.keys(v);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties)
      errors.push(`${where}: fewer than ${schema.minProperties} members`);
    for (const r of schema.required ?? []) if (!(r in v)) errors.push(`${where}: missing required member "${r}"`);
    const props = schema.properties ?? {};
    for (const k of keys) {
      const ptr = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k in props) walk(doc, props[k], v[k], ptr, errors);
      else if (schema.additionalProperties === false) errors.push(`${where}: unexpected member "${k}"`);
      else if (typeof schema.additionalProperties === 'object') walk(doc, schema.additionalProperties, v[k], ptr, errors);
    }
  }
}

/** Errors (strings) from validating `value` against components.schemas[name]; [] when valid. */
export function validate(name, value) {
  const doc = openapi();
  const errors = [];
  walk(doc, { $ref: `#/components/schemas/${name}` }, value, '', errors);
  return errors;
}

/** Same as validate() for an arbitrary schema object inside the document. */
export function validateSchema(schema, value) {
  const errors = [];
  walk(openapi(), schema, value, '', errors);
  return errors;
}

export { resolve as resolveRef };
