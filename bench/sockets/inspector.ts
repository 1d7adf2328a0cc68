// The server's own view of its memory, through the V8 inspector it was started
// with (--inspect on 127.0.0.1): a full GC and process.memoryUsage(), and heap
// snapshots summarised by constructor, to say what one socket is made of.
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

interface Reply {
  id?: number;
  method?: string;
  params?: { chunk?: string };
  result?: { result?: { value?: unknown } };
  error?: { message: string };
}

export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private chunks: string[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString('utf8')) as Reply;
      if (reply.method === 'HeapProfiler.addHeapSnapshotChunk') {
        this.chunks.push(reply.params?.chunk ?? '');
      } else if (reply.id !== undefined) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  /** Connects to the inspector listening on `port` (the first target). */
  static async connect(port: number): Promise<Inspector> {
    const deadline = performance.now() + 30_000;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
          webSocketDebuggerUrl: string;
        }[];
        const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl, { perMessageDeflate: false });
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
        return new Inspector(ws);
      } catch (error) {
        if (performance.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private call(method: string, params: object = {}, timeoutMs = 120_000): Promise<Reply> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`inspector ${method} timed out`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.error) reject(new Error(`inspector ${method}: ${reply.error.message}`));
        else resolve(reply);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A full GC, then the server's process.memoryUsage(). */
  async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
    await this.call('HeapProfiler.collectGarbage');
    const reply = await this.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    return JSON.parse(String(reply.result?.result?.value)) as NodeJS.MemoryUsage;
  }

  /** A heap snapshot (after a GC), summarised per kind of object. */
  async heapSummary(): Promise<HeapSummary> {
    this.chunks = [];
    await this.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 600_000);
    const text = this.chunks.join('');
    this.chunks = [];
    // For a closer look (retainers) with another tool; the benchmark only summarises.
    if (process.env.SOCKETS_SNAPSHOT_DIR) {
      writeFileSync(`${process.env.SOCKETS_SNAPSHOT_DIR}/server-${Date.now()}.heapsnapshot`, text);
    }
    return summarise(JSON.parse(text) as HeapSnapshot);
  }

  close(): void {
    this.ws.terminate();
  }
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Per kind ("Object type name", or "(type)" for strings, code, arrays…): count and bytes. */
export type HeapSummary = Map<string, { count: number; bytes: number }>;

function summarise(snapshot: HeapSnapshot): HeapSummary {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out: HeapSummary = new Map();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + typeAt]!]!;
    const name = strings[nodes[i + nameAt]!]!;
    const key =
      type === 'object' || type === 'closure' || type === 'native'
        ? `${type === 'closure' ? 'closure ' : ''}${name}`
        : `(${type})`;
    const entry = out.get(key);
    const bytes = nodes[i + sizeAt]!;
    if (entry) {
      entry.count += 1;
      entry.bytes += bytes;
    } else out.set(key, { count: 1, bytes });
  }
  return out;
}

/** What `after` holds beyond `before`, per socket, largest first. */
export function perSocketDiff(
  before: HeapSummary,
  after: HeapSummary,
  sockets: number,
): { kind: string; perSocket: number; bytesPerSocket: number }[] {
  const rows: { kind: string; perSocket: number; bytesPerSocket: number }[] = [];
  for (const [kind, a] of after) {
    const b = before.get(kind) ?? { count: 0, bytes: 0 };
    rows.push({
      kind,
      perSocket: (a.count - b.count) / sockets,
      bytesPerSocket: (a.bytes - b.bytes) / sockets,
    });
  }
  return rows.sort((x, y) => y.bytesPerSocket - x.bytesPerSocket);
}
