// One export download as the browser makes it, read to the end and discarded, with
// the server's resident memory sampled while the body streams.
import { procMemory } from '../lib/proc';
import type { ServerChild } from '../setup';

export interface Download {
  ms: number;
  bytes: number;
  chunks: number;
  firstByteMs: number;
  /** Highest VmRSS of the server sampled while the body streamed. */
  peakRss: number;
}

/** Downloads `path` as `cookie`, sampling the server's VmRSS every few ms. */
export async function download(
  server: ServerChild,
  path: string,
  cookie: string,
  sampleMs: number,
): Promise<Download> {
  let peakRss = procMemory(server.pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, procMemory(server.pid));
  }, sampleMs);
  try {
    const start = performance.now();
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    const reader = response.body!.getReader();
    let bytes = 0;
    let chunks = 0;
    let firstByteMs = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (chunks === 0) firstByteMs = performance.now() - start;
      chunks += 1;
      bytes += (read.value as Uint8Array).byteLength;
    }
    return { ms: performance.now() - start, bytes, chunks, firstByteMs, peakRss };
  } finally {
    clearInterval(sampler);
  }
}
