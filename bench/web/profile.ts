// BENCH_WEB_PROFILE=1: a V8 CPU profile of a load that is not counted (the
// 5,000-card warm-up), summed by function (self time), to say what a slow load
// spends its script time on.
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export const PROFILE = process.env.BENCH_WEB_PROFILE === '1';

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/** The functions with the most self time, as lines "12.3 ms name (file:line)". */
export async function stopProfile(cdp: CDPSession, top = 25): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').at(-1) ?? '';
    const key = `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${ms.toFixed(1)} ms ${name}`);
}
