// Which row versions one subscription was sent lately, so that the same
// content is not sent to it twice. The hub re-reads a changed row as it is
// when the batch is read, not as the change left it; when a later write to
// that row has already committed, the earlier change's event carries the
// later content, and the later change's own event (in the next batch, or
// the live stream after a replay) would carry it again. A version is the
// tuple's xmin: the same xmin on the same row means the same write.
//
// Bounded: a repeat comes within a batch or two of the first sending, so
// the newest RECENT_VERSIONS rows are enough; past that a repeat is merely
// sent (clients apply the current state, so it is harmless). An idle
// subscription holds no map at all.

/** Rows remembered per subscription. */
export const RECENT_VERSIONS = 256;

interface Versioned {
  key?: string;
  version?: string;
  change: { op: string };
}

export class RecentVersions {
  private seen: Map<string, string> | undefined;

  constructor(private readonly limit = RECENT_VERSIONS) {}

  /** Whether `event` repeats a version already sent; if not, remembers it as sent. */
  repeats(event: Versioned): boolean {
    const { key, version } = event;
    if (key === undefined) return false;
    if (version === undefined) {
      // A delete: whatever comes for this row next is new.
      this.seen?.delete(key);
      return false;
    }
    const seen = (this.seen ??= new Map());
    if (seen.get(key) === version) return true;
    // Re-inserted so the map's order stays oldest-first for the eviction.
    seen.delete(key);
    seen.set(key, version);
    if (seen.size > this.limit) seen.delete(seen.keys().next().value);
    return false;
  }
}
