// How a live event goes on the wire once, however many sockets receive it.
// tRPC serialises every message per socket: superjson walks the change (a
// whole row, often with a long job description), then JSON.stringify walks
// it again. One change reaches every tab of its owner and every grantee, so
// the hub marks each change it sends (`sendOnce`), and for those:
// - the transformer serialises the change once and reuses the result inside
//   each socket's tracked envelope {id, data} (superjson's meta paths of the
//   change are prefixed with "data.", exactly what serialising the envelope
//   would give);
// - the encoder stringifies the change once and splices the same text into
//   each message (only the small envelope around it is stringified per socket).
// Anything else (every query, mutation and error) is serialised as before.
import { randomUUID } from 'node:crypto';
import superjson from 'superjson';

type Serialized = ReturnType<typeof superjson.serialize>;

interface Prepared {
  json: Serialized['json'];
  meta: Serialized['meta'];
}

/** Changes the hub sent, serialised (lazily) once each. */
const prepared = new WeakMap<object, Prepared | null>();
/** The JSON text of each prepared change's json (null until first encoded). */
const texts = new WeakMap<object, string | null>();

/** Marks `change` as sent to sockets: it is serialised once, however many receive it. */
export function sendOnce(change: object): void {
  if (!prepared.has(change)) prepared.set(change, null);
}

function prepare(change: object): Prepared | undefined {
  const known = prepared.get(change);
  if (known) return known;
  if (known === undefined) return undefined;
  const { json, meta } = superjson.serialize(change);
  // Shared references inside the change would need their paths rewritten too:
  // rare enough to leave to the ordinary path.
  if (meta?.referentialEqualities) return undefined;
  let prefixed: Serialized['meta'];
  if (meta?.values) {
    const values: Record<string, unknown> = {};
    for (const [path, annotation] of Object.entries(meta.values))
      values[`data.${path}`] = annotation;
    prefixed = { ...meta, values: values as NonNullable<Serialized['meta']>['values'] };
  }
  const result = { json, meta: prefixed };
  prepared.set(change, result);
  if (typeof json === 'object' && json !== null) texts.set(json, null);
  return result;
}

function isEnvelope(value: unknown): value is { id: string; data: object } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { data?: unknown }).data === 'object' &&
    (value as { data?: unknown }).data !== null
  );
}

/** The router's transformer: superjson, with sent changes serialised once. */
export const liveTransformer = {
  serialize(value: unknown): Serialized {
    const entry = isEnvelope(value) ? prepare(value.data) : undefined;
    if (!entry) return superjson.serialize(value);
    const json = { id: (value as { id: string }).id, data: entry.json };
    return entry.meta ? { json, meta: entry.meta } : { json };
  },
  deserialize: superjson.deserialize.bind(superjson),
};

const PLACEHOLDER = `\u0000live-${randomUUID()}`;
const PLACEHOLDER_TEXT = JSON.stringify(PLACEHOLDER);

/** A prepared change's json, when `message` carries one. */
function preparedJson(message: unknown): { holder: { data?: unknown }; json: object } | undefined {
  const data = (message as { result?: { data?: { json?: { data?: unknown } } } } | null)?.result
    ?.data?.json;
  const inner = data?.data;
  if (typeof inner !== 'object' || inner === null) return undefined;
  return texts.has(inner) ? { holder: data!, json: inner } : undefined;
}

/** The WebSocket encoder: JSON text frames, with a sent change's text made once. */
export const liveEncoder = {
  encode(message: unknown): string {
    const found = preparedJson(message);
    if (!found) return JSON.stringify(message);
    let text = texts.get(found.json);
    if (text == null) texts.set(found.json, (text = JSON.stringify(found.json)));
    found.holder.data = PLACEHOLDER;
    try {
      const frame = JSON.stringify(message);
      return frame.replace(PLACEHOLDER_TEXT, () => text);
    } finally {
      found.holder.data = found.json;
    }
  },
  decode(data: unknown): unknown {
    if (typeof data !== 'string') throw new Error('Binary WebSocket messages are not accepted.');
    return JSON.parse(data);
  },
};
