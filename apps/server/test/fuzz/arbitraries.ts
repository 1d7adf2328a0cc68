// fast-check arbitraries derived from a procedure's zod input (through the
// JSON Schema zod 4 emits), then mutated the way a hostile client would:
// wrong types, missing and extra keys, huge strings, NUL, broken surrogates,
// deep nesting, and valid ids of another user's records. No library turns a
// JSON Schema into fast-check arbitraries for zod 4, so this walks the few
// keywords zod emits (type, properties, anyOf, enum, const, pattern, format,
// min/max) and treats anything else as "any JSON".
import fc from 'fast-check';

/** The subset of JSON Schema (draft 2020-12) that `schema.toJSONSchema()` emits for our inputs. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

/** What the generators know about the world they fuzz. */
export interface FuzzWorld {
  /** Ids of the caller's own records: valid input reaches real rows. */
  ownIds: string[];
  /** Ids of another user's records: must be NOT_FOUND, never leaked, never a 500. */
  foreignIds: string[];
  /** The caller's password, so password checks sometimes pass. */
  password: string;
}

/** Characters and strings that broke servers before: NUL, lone surrogates, bidi, emoji, SQL. */
const nastyStrings = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '\u202Egnp.exe',
  '\uFEFF',
  '\uFFFF\uFFFE',
  '👩‍👩‍👧‍👦',
  '\u0301\u0301\u0301',
  "'; drop table users; --",
  '%00%',
  '\\',
  '${{7*7}}',
  '<script>alert(1)</script>',
  '![x](https://evil.example/x.png)',
  '   ',
  '',
  '0',
  '-1',
  'null',
  'NaN',
  '2019-02-30',
  '99999-12-31',
  'http://',
  'javascript:alert(1)',
];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.constantFrom(...nastyStrings),
      fc.string({ maxLength: 10 }),
    )
    .map(([a, b, c]) => a + b + c),
);

/** Huge strings: past every field limit, some past the body limit. */
const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(1_001, 10_001, 100_001, 200_001, 2_100_000),
    fc.constantFrom('x', 'é', '\u0000', '🚀'),
  )
  .map(([n, unit]) => unit.repeat(unit.length === 2 ? Math.ceil(n / 2) : n));

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e21,
  ),
  fc.double(),
);

/** Any single wrong value: other types, the values superjson can carry, nastiness. */
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(true, false, null, undefined, [], {}, [null], { '': '' }),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
  fc.constant(new Map([['k', 'v']])),
  fc.constant(new Set([1, 2])),
  fc.constant(/x/g),
);

/** `depth` arrays or objects inside each other (deeper ones go as raw bodies). */
const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(50, 500), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { a: value };
    return value;
  });

const uuidOf = (world: FuzzWorld) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(world.ownIds.length ? world.ownIds : [''])) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...(world.foreignIds.length ? world.foreignIds : [''])),
    },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid') },
  );

/** A JSON Resume-shaped document (the portable importers take `unknown`). */
const jsonResumeLike: fc.Arbitrary<unknown> = (() => {
  const str = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    nastyString,
    hostileLeaf,
  );
  const date = fc.oneof(fc.constantFrom('2019', '2019-06', '2019-06-30', '2019-13', ''), str);
  return fc.record(
    {
      basics: fc.record(
        {
          name: str,
          label: str,
          email: fc.oneof(fc.emailAddress(), str),
          phone: str,
          url: fc.oneof(fc.webUrl(), str),
          summary: str,
          location: fc.record(
            { city: str, region: str, countryCode: str, address: str },
            { requiredKeys: [] },
          ),
          profiles: fc.array(
            fc.record(
              { network: str, username: str, url: fc.oneof(fc.webUrl(), str) },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: [] },
      ),
      work: fc.array(
        fc.record(
          {
            name: str,
            position: str,
            startDate: date,
            endDate: date,
            summary: str,
            highlights: fc.array(str, { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      education: fc.array(
        fc.record(
          {
            institution: str,
            area: str,
            studyType: str,
            startDate: date,
            endDate: date,
            courses: fc.array(str, { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      certificates: fc.array(
        fc.record({ name: str, issuer: str, date: date, url: str }, { requiredKeys: [] }),
        {
          maxLength: 2,
        },
      ),
      projects: fc.array(
        fc.record(
          {
            name: str,
            description: str,
            highlights: fc.array(str, { maxLength: 3 }),
            keywords: fc.array(str, { maxLength: 3 }),
            roles: fc.array(str, { maxLength: 2 }),
            url: fc.oneof(fc.webUrl(), str),
            startDate: date,
            endDate: date,
            entity: str,
            type: str,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      skills: fc.array(
        fc.record(
          { name: str, level: str, keywords: fc.array(str, { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
        {
          maxLength: 3,
        },
      ),
    },
    { requiredKeys: [] },
  );
})();

/** A CSV file: a header and a few rows, cells from the nasty strings too. */
const csvLike: fc.Arbitrary<string> = (() => {
  const cell = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
    nastyString,
    fc.constantFrom('"quoted, with comma"', '"unterminated', '=SUM(A1)', 'https://jobs.example/1'),
  );
  const row = fc.array(cell, { minLength: 1, maxLength: 6 }).map((cells) => cells.join(','));
  return fc
    .tuple(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
    .map(([rows, newline]) => rows.join(newline));
})();

function stringFrom(
  schema: JsonSchema,
  world: FuzzWorld,
  key: string | undefined,
): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return uuidOf(world);
  if (key === 'csv') return csvLike;
  const options: fc.Arbitrary<string>[] = [];
  if (schema.pattern) options.push(fc.stringMatching(new RegExp(schema.pattern)));
  if (schema.format === 'email' || key === 'email') options.push(fc.emailAddress());
  if (key && /url|link/i.test(key)) options.push(fc.webUrl());
  if (key && /password/i.test(key)) options.push(fc.constant(world.password));
  const maxLength = Math.min(schema.maxLength ?? 200, 200);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  options.push(fc.string({ minLength, maxLength }));
  // Within the limits but with any code point (NUL, lone surrogates) or a
  // nasty string inside: what must fail validation, not the database.
  const fit = (text: string) =>
    text.padEnd(minLength, 'x').slice(0, Math.max(maxLength, minLength));
  options.push(fc.string({ unit: 'binary', minLength, maxLength }).map(fit));
  options.push(fc.tuple(fc.string({ maxLength: 20 }), nastyString).map(([a, b]) => fit(a + b)));
  if (schema.minLength && schema.minLength > 1) {
    options.push(
      fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.padEnd(schema.minLength!, ' lorem')),
    );
  }
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    // The limit exactly, and one past it.
    options.push(fc.constantFrom('a'.repeat(max), 'é'.repeat(max), 'a'.repeat(max + 1)));
  }
  return fc.oneof(...options);
}

function numberFrom(schema: JsonSchema): fc.Arbitrary<number> {
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e6);
  const max = Math.min(schema.maximum ?? 1e6, 2 ** 31 + 10);
  if (schema.type === 'integer') {
    return fc.oneof(
      fc.integer({ min: Math.max(min, -(2 ** 31)), max }),
      fc.constantFrom(min, max, min - 1, max + 1),
    );
  }
  return fc.double({ min, max, noNaN: true });
}

/**
 * Values that follow `schema` (mostly): what a well-behaved client sends,
 * reaching past validation into the services and the database.
 */
export function fromJsonSchema(
  schema: JsonSchema | boolean,
  world: FuzzWorld,
  key?: string,
): fc.Arbitrary<unknown> {
  if (
    typeof schema === 'boolean' ||
    Object.keys(schema).filter((k) => k !== '$schema' && k !== 'default').length === 0
  ) {
    if (key === 'document') return jsonResumeLike;
    if (key === 'scheduledAt')
      return fc.oneof(
        fc.date(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.integer(),
      );
    return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.date());
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => fromJsonSchema(s, world, key)));
  if (schema.allOf?.[0]) return fromJsonSchema(schema.allOf[0], world, key);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return stringFrom(schema, world, key);
    case 'integer':
    case 'number':
      return numberFrom(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items
        ? fromJsonSchema(schema.items, world, key)
        : fc.jsonValue({ maxDepth: 2 });
      return fc.array(item, { maxLength: Math.min(schema.maxItems ?? 8, 8) });
    }
    case 'object':
    default: {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) {
        record[name] = fromJsonSchema(property, world, name);
      }
      return fc.record(record, {
        requiredKeys: (schema.required ?? []).filter((k) => k in record),
      });
    }
  }
}

type Path = (string | number)[];

/** Every place in `value` a mutation can hit: the root, each key, each element. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (
    value &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  }
  return out;
}

/** `value` with the thing at `path` replaced (structurally copied on the way down). */
function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head!]: replaceAt(record[head!], rest, replacement) };
}

/** `value` without the key at `path` (a missing required field). */
function dropAt(value: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  if (path.length === 1) {
    if (Array.isArray(value)) return value.filter((_, i) => i !== path[0]);
    const { [path[0]!]: _dropped, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[head as number] = dropAt(copy[head as number], rest);
    return copy;
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head!]: dropAt(record[head!], rest) };
}

const extraKeys = [
  'userId',
  'user_id',
  'id',
  'version',
  'position',
  'isAdmin',
  'constructor',
  '__proto__',
  '',
];

/**
 * The inputs sent to one procedure: mostly valid ones (so the services and
 * the database are reached), the rest with one hostile change.
 */
export function inputFor(schema: JsonSchema | null, world: FuzzWorld): fc.Arbitrary<unknown> {
  const valid = schema ? fromJsonSchema(schema, world) : fc.constant(undefined);
  const mutated = fc
    .tuple(
      valid,
      fc.nat(),
      fc.oneof({ weight: 4, arbitrary: hostileLeaf }, hugeString, deepNesting, uuidOf(world)),
    )
    .map(([value, n, leaf]) => {
      const paths = pathsOf(value);
      return replaceAt(value, paths[n % paths.length]!, leaf);
    });
  const missing = fc.tuple(valid, fc.nat()).map(([value, n]) => {
    const paths = pathsOf(value).filter((p) => p.length > 0);
    return paths.length ? dropAt(value, paths[n % paths.length]!) : value;
  });
  const extra = fc
    .tuple(valid, fc.constantFrom(...extraKeys), hostileLeaf)
    .map(([value, key, leaf]) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.defineProperty({ ...value }, key, {
            value: leaf,
            enumerable: true,
            configurable: true,
            writable: true,
          })
        : value,
    );
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 4, arbitrary: mutated },
    { weight: 1, arbitrary: missing },
    { weight: 1, arbitrary: extra },
    { weight: 1, arbitrary: fc.oneof(hostileLeaf, deepNesting, fc.anything()) },
  );
}

/** How a sample goes on the wire: superjson as the app's client sends it, or raw bytes. */
export type Wire = { kind: 'superjson'; input: unknown } | { kind: 'raw'; body: string };

/** Bodies no well-behaved client sends: broken JSON, bad superjson meta, prototype keys. */
const rawBodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    'null',
    '[]',
    '"x"',
    '{"json":1,"meta":{"values":{"":["Date"]}}}',
    '{"json":"x","meta":{"values":["bigint"]}}',
    '{"json":{"a":1},"meta":{"values":{"a":["custom","nope"]}}}',
    '{"json":{"a":"1"},"meta":{"values":{"a":["class","Nope"]}}}',
    '{"json":{},"meta":{"referentialEqualities":{"__proto__.polluted":["a"]}}}',
    '{"json":{"__proto__":{"polluted":true}}}',
    '{"json":{"constructor":{"prototype":{"polluted":true}}}}',
    '{"json":{"id":"\\u0000"}}',
    '{"json":{"id":"\\ud800"}}',
  ),
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  // Nesting past any recursive walker's stack.
  fc
    .tuple(
      fc.constantFrom(5_000, 100_000),
      fc.constantFrom<[string, string]>(['[', ']'], ['{"a":', '}']),
    )
    .map(([depth, [open, close]]) => `{"json":${open.repeat(depth)}1${close.repeat(depth)}}`),
);

/** A short, safe description of a sample (some are megabytes long or thousands deep). */
export function describeWire(wire: Wire): string {
  let text: string;
  try {
    text =
      wire.kind === 'raw'
        ? wire.body
        : (JSON.stringify(wire.input, (_key, value: unknown) =>
            typeof value === 'bigint' ? `${value}n` : value,
          ) ?? 'undefined');
  } catch (error) {
    text = `<${(error as Error).message}>`;
  }
  const shown = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  return `${wire.kind} ${shown}`;
}

/** fast-check prints counterexamples with this instead of walking them. */
function printable(wire: Wire): Wire {
  return Object.defineProperty(wire, fc.toStringMethod, { value: () => describeWire(wire) });
}

/** One sample for a procedure: the input arbitrary on the usual wire, sometimes raw bytes. */
export function wireFor(schema: JsonSchema | null, world: FuzzWorld): fc.Arbitrary<Wire> {
  return fc.oneof(
    {
      weight: 12,
      arbitrary: inputFor(schema, world).map((input) => printable({ kind: 'superjson', input })),
    },
    { weight: 1, arbitrary: rawBodies.map((body) => printable({ kind: 'raw', body })) },
  );
}
