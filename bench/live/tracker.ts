// Bookkeeping of the live benchmark per write: t0 before the commit, the commit's
// acknowledgement, and each socket's receipt, matched back by sequence number.
import { sleep, summarize, type Summary } from '../measure';

export interface PhaseTally {
  /** Sequence numbers [first, end) belong to this phase (phases do not overlap). */
  first: number;
  end: number;
  writes: number;
  expected: number;
  received: number;
}

export interface PhaseFigures {
  writes: number;
  expected: number;
  received: number;
  /** t0 (just before the commit is sent) → frame received, one sample per delivery. */
  latency: Summary;
  /** COMMIT acknowledged to the writer → frame received: the feed's own share. */
  afterCommit: Summary;
  /** Commit round trip as the writer saw it. */
  ack: Summary;
}

/** t0 per write sequence number; deliveries are matched back to it. */
export class Tracker {
  private readonly t0: Float64Array;
  private readonly ackAt: Float64Array;
  private readonly t1: Float64Array;
  private readonly phaseOf: Uint16Array;
  private readonly userOf: Int32Array;
  private readonly got: Uint8Array;
  private readonly failedSeq: Uint8Array;
  private count = 0;
  readonly phases: PhaseTally[] = [];
  misrouted = 0;
  duplicates = 0;
  stray = 0;
  /**
   * Deliveries counted for a write that was overwritten before it was sent:
   * the feed sends a row's current content once (issue 15), so the later
   * write's frame carries this one's outcome too.
   */
  superseded = 0;
  /** Per written row, its writes not yet received on every socket, oldest first. */
  private readonly pending = new Map<string, number[]>();
  private readonly rowOf: string[] = [];
  /** Event ids seen per write, to explain duplicates. */
  private readonly eventIds: (string[] | undefined)[] = [];
  readonly duplicateSamples: string[] = [];

  constructor(
    private readonly capacity: number,
    /** Deliveries expected per write (sockets of the writing user). */
    private readonly fanout: number,
  ) {
    this.t0 = new Float64Array(capacity).fill(Number.NaN);
    this.ackAt = new Float64Array(capacity).fill(Number.NaN);
    this.t1 = new Float64Array(capacity * fanout).fill(Number.NaN);
    this.phaseOf = new Uint16Array(capacity);
    this.userOf = new Int32Array(capacity);
    this.got = new Uint8Array(capacity);
    this.failedSeq = new Uint8Array(capacity);
  }

  /** The sequence number the next `sent` will take. */
  get next(): number {
    return this.count;
  }

  newPhase(): number {
    const last = this.phases.at(-1);
    if (last) last.end = this.count;
    this.phases.push({
      first: this.count,
      end: this.capacity,
      writes: 0,
      expected: 0,
      received: 0,
    });
    return this.phases.length - 1;
  }

  /** Takes the next sequence number and stamps t0: call right before the commit is sent. */
  sent(phase: number, user: number, row: string): number {
    if (this.count >= this.capacity) throw new Error('tracker capacity exceeded');
    const seq = this.count;
    this.count += 1;
    this.phaseOf[seq] = phase;
    this.userOf[seq] = user;
    this.rowOf[seq] = row;
    let open = this.pending.get(row);
    if (!open) this.pending.set(row, (open = []));
    open.push(seq);
    const tally = this.phases[phase]!;
    tally.writes += 1;
    tally.expected += this.fanout;
    this.t0[seq] = performance.now();
    return seq;
  }

  acked(seq: number, at: number): void {
    this.ackAt[seq] = at;
  }

  /** The write failed: nothing is expected from it. */
  failed(seq: number): void {
    const tally = this.phases[this.phaseOf[seq]!]!;
    tally.writes -= 1;
    tally.expected -= this.fanout;
    this.failedSeq[seq] = 1;
  }

  delivered(seq: number, user: number, at: number, eventId = '?', socket = -1): void {
    if (!(seq < this.count)) {
      this.stray += 1;
      return;
    }
    if (this.userOf[seq] !== user) {
      this.misrouted += 1;
      return;
    }
    const got = (this.got[seq] ?? 0) + 1;
    this.got[seq] = got;
    const seen = (this.eventIds[seq] ??= []);
    seen.push(`${eventId}@socket${socket}`);
    if (got > this.fanout) {
      this.duplicates += 1;
      if (this.duplicateSamples.length < 5) {
        this.duplicateSamples.push(
          `write ${seq} delivered ${got}x, ${(at - this.t0[seq]!).toFixed(1)} ms after t0: ${seen.join(', ')}`,
        );
      }
      return;
    }
    this.record(seq, got, at);
    // Earlier writes to the row not yet seen this many times were overwritten
    // before the feed read them: this frame is their outcome as well.
    const open = this.pending.get(this.rowOf[seq]!)!;
    let kept = 0;
    for (const earlier of open) {
      if (earlier < seq && (this.got[earlier] ?? 0) < got) {
        this.got[earlier] = got;
        this.superseded += 1;
        this.record(earlier, got, at);
      }
      if ((this.got[earlier] ?? 0) < this.fanout) open[kept++] = earlier;
    }
    open.length = kept;
  }

  private record(seq: number, got: number, at: number): void {
    this.t1[seq * this.fanout + got - 1] = at;
    if (!this.failedSeq[seq]) this.phases[this.phaseOf[seq]!]!.received += 1;
  }

  /** Waits until every expected delivery of `phase` arrived, or `timeoutMs` passed. */
  async drained(phase: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    const tally = this.phases[phase]!;
    while (tally.received < tally.expected && performance.now() < deadline) await sleep(20);
  }

  figures(phase: number): PhaseFigures {
    const tally = this.phases[phase]!;
    const latency: number[] = [];
    const afterCommit: number[] = [];
    const ack: number[] = [];
    const end = Math.min(tally.end, this.count);
    for (let seq = tally.first; seq < end; seq += 1) {
      if (this.failedSeq[seq]) continue;
      const t0 = this.t0[seq]!;
      const acked = this.ackAt[seq]!;
      if (!Number.isNaN(acked)) ack.push(acked - t0);
      for (let k = 0; k < this.fanout; k += 1) {
        const t1 = this.t1[seq * this.fanout + k]!;
        if (Number.isNaN(t1)) continue;
        latency.push(t1 - t0);
        if (!Number.isNaN(acked)) afterCommit.push(t1 - acked);
      }
    }
    const lost = tally.expected - latency.length;
    return {
      writes: tally.writes,
      expected: tally.expected,
      received: latency.length,
      latency: summarize(latency, lost),
      afterCommit: summarize(afterCommit, lost),
      ack: summarize(ack),
    };
  }
}
