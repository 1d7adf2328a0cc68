// A live change is serialised once for all the sockets it goes to (wire.ts):
// the frame each socket gets must be byte for byte what tRPC's own superjson +
// JSON.stringify path would have sent, and must parse back to the same value.
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { liveEncoder, liveTransformer, sendOnce } from '../../src/live/wire';

/** The message tRPC's ws adapter builds for a tracked event, serialised by `transform`. */
function frame(subscription: number, eventId: string, change: object, transform = liveTransformer) {
  return {
    id: subscription,
    jsonrpc: '2.0',
    result: { type: 'data', id: eventId, data: transform.serialize({ id: eventId, data: change }) },
  };
}

const change = () => ({
  table: 'applications',
  op: 'update',
  id: 'a1',
  row: {
    id: 'a1',
    createdAt: new Date('2026-11-30T10:00:00Z'),
    'odd.key': new Date(0),
    notes: 'Quotes " and \\ and \u2028 and "\u0000live-x"',
    salaryMin: null,
    tags: ['a', 'b'],
  },
});

describe('a live change on the wire', () => {
  it('is the same frame tRPC would send, for every socket, made once', () => {
    const sent = change();
    sendOnce(sent);
    const plain = (subscription: number) =>
      JSON.stringify(
        frame(subscription, 'e1', change(), {
          ...superjson,
          serialize: (v: unknown) => superjson.serialize(v),
        }),
      );
    // Serialised once: both sockets' messages hold the very same json.
    const inner = (f: ReturnType<typeof frame>) => (f.result.data.json as { data: unknown }).data;
    expect(inner(frame(1, 'e1', sent))).toBe(inner(frame(2, 'e1', sent)));
    const first = liveEncoder.encode(frame(1, 'e1', sent));
    const second = liveEncoder.encode(frame(2, 'e1', sent));
    expect(first).toBe(plain(1));
    expect(second).toBe(plain(2));
    const back = liveEncoder.decode(second) as ReturnType<typeof frame>;
    expect(superjson.deserialize(back.result.data as never)).toEqual({ id: 'e1', data: change() });
  });

  it('leaves everything else to superjson and JSON.stringify', () => {
    const other = change();
    expect(liveEncoder.encode(frame(3, 'e2', other))).toBe(
      JSON.stringify(
        frame(3, 'e2', other, { ...superjson, serialize: (v: unknown) => superjson.serialize(v) }),
      ),
    );
    expect(liveTransformer.serialize({ a: new Date(0) })).toEqual(
      superjson.serialize({ a: new Date(0) }),
    );
  });
});
