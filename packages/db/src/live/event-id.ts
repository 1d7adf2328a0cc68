// Event ids for the live feed: the (xid, id) pair of a change_log row, as a
// fixed-width hex string so that string order is commit order. The pair is
// global, so any server instance can resume any client.

export interface LivePosition {
  xid: bigint;
  id: bigint;
}

export const ORIGIN_POSITION: LivePosition = { xid: 0n, id: 0n };

const shape = /^([0-9a-f]{16})-([0-9a-f]{16})$/;

export function encodeEventId(position: LivePosition): string {
  return `${position.xid.toString(16).padStart(16, '0')}-${position.id.toString(16).padStart(16, '0')}`;
}

/** The position an event id names, or null when it is not one of ours. */
export function decodeEventId(eventId: string): LivePosition | null {
  const match = shape.exec(eventId);
  if (!match) return null;
  return { xid: BigInt(`0x${match[1]}`), id: BigInt(`0x${match[2]}`) };
}

export function comparePositions(a: LivePosition, b: LivePosition): number {
  if (a.xid !== b.xid) return a.xid < b.xid ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
