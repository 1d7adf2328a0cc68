// Issue 10, fault: the server's database client survives Postgres restarting
// under load. postgres.js 3.4.9 could throw from a timer on a closed socket
// (the whole process died) or leave a reconnected connection unable to send
// (its queries hung); patches/postgres@3.4.9.patch fixes both. The pool runs
// in a child process with its own Postgres so a crash shows as an exit code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('restarting-client.ts', import.meta.url));

describe('issue 10: a database pool while Postgres restarts', () => {
  it('neither crashes the process nor hangs, and answers within 3 s of each restart', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const rounds = [...output.matchAll(/round (\d+) (\w+) (\d+)/g)].map((m) => Number(m[3]));
    console.log(
      `issue 10 fault, pool under 4 Postgres restarts: first answer after ${rounds.join(', ')} ms`,
    );
    expect(code, output).toBe(0);
    expect(rounds).toHaveLength(4);
    for (const ms of rounds) expect(ms).toBeLessThan(3000);
  }, 60_000);
});
