// The live benchmark's paced writes: a fixed pool of reserved connections as the
// request role, one transaction per write, at a target rate, stamped on the Tracker.
import type postgres from 'postgres';
import type { Tracker } from './tracker';

export interface WriteTarget {
  user: number;
  userId: string;
  applicationId: string;
}

export interface RunResult {
  targetRate: number;
  achievedRate: number;
  issued: number;
  /** Writes due that no writer connection was free to send before the step ended. */
  skipped: number;
  errors: string[];
}

const uuidShape = /^[0-9a-f-]{36}$/;

/**
 * A fixed pool of reserved connections as the request role. Each write is one
 * transaction, sent as one simple-protocol message:
 *   begin; select set_config('app.user_id', <user>, true);
 *   update applications set notes = 'b<seq>' where id = <application> returning id; commit
 * t0 is taken just before that message (and with it the COMMIT) is sent.
 */
export class Writers {
  private readonly idle: postgres.ReservedSql[] = [];
  private readonly all: postgres.ReservedSql[] = [];
  private cursor = 0;
  private stopped = false;
  private stopRun: (() => void) | undefined;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly count: number,
    private readonly tracker: Tracker,
    private readonly targets: readonly WriteTarget[],
  ) {
    for (const t of targets) {
      if (!uuidShape.test(t.userId) || !uuidShape.test(t.applicationId))
        throw new Error('bad target id');
    }
  }

  async init(): Promise<void> {
    for (let i = 0; i < this.count; i += 1) {
      const conn = await this.sql.reserve();
      this.all.push(conn);
      this.idle.push(conn);
    }
  }

  /** Sends no further writes; a running `run` resolves once its in-flight writes end. */
  stop(): void {
    this.stopped = true;
    this.stopRun?.();
  }

  release(): void {
    for (const conn of this.all) conn.release();
    this.all.length = 0;
    this.idle.length = 0;
  }

  /** Writes at `rate` per second for `durationMs`, spread round-robin over the targets. */
  run(phase: number, rate: number, durationMs: number): Promise<RunResult> {
    return new Promise<RunResult>((resolve) => {
      const result: RunResult = {
        targetRate: rate,
        achievedRate: 0,
        issued: 0,
        skipped: 0,
        errors: [],
      };
      const start = performance.now();
      let scheduled = 0;
      let pending = 0;
      let inFlight = 0;
      let ending = false;

      const write = async (conn: postgres.ReservedSql) => {
        const target = this.targets[this.cursor % this.targets.length]!;
        this.cursor += 1;
        const seq = this.tracker.next;
        const text =
          `begin; select set_config('app.user_id', '${target.userId}', true); ` +
          `update applications set notes = 'b${seq}' where id = '${target.applicationId}' returning id; commit`;
        this.tracker.sent(phase, target.user, target.applicationId);
        try {
          // Simple-protocol results list only the statements that return rows.
          const results = (await conn.unsafe(text)) as unknown as unknown[][];
          this.tracker.acked(seq, performance.now());
          const updated = results[2]?.length ?? 0;
          if (updated !== 1) {
            this.tracker.failed(seq);
            if (result.errors.length < 5) result.errors.push(`update touched ${updated} rows`);
          }
        } catch (error) {
          this.tracker.failed(seq);
          if (result.errors.length < 5) result.errors.push(String(error));
        }
      };

      const pump = () => {
        while (pending > 0 && this.idle.length > 0 && !this.stopped) {
          pending -= 1;
          inFlight += 1;
          result.issued += 1;
          const conn = this.idle.pop()!;
          void write(conn).finally(() => {
            this.idle.push(conn);
            inFlight -= 1;
            pump();
            finish();
          });
        }
      };

      const finish = () => {
        if (!ending || inFlight > 0) return;
        ending = false;
        clearInterval(ticker);
        result.achievedRate = result.issued / (durationMs / 1000);
        resolve(result);
      };

      this.stopRun = () => {
        ending = true;
        pending = 0;
        finish();
      };
      const ticker = setInterval(() => {
        const elapsed = performance.now() - start;
        if (elapsed >= durationMs || this.stopped) {
          if (!ending) {
            ending = true;
            result.skipped += pending;
            pending = 0;
          }
          finish();
          return;
        }
        const due = Math.floor((elapsed * rate) / 1000) - scheduled;
        scheduled += due;
        pending += due;
        // Never let a backlog of more than 1 s build up in the generator.
        if (pending > rate) {
          result.skipped += pending - rate;
          pending = rate;
        }
        pump();
      }, 1);
    });
  }
}
