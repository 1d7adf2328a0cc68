// What idle sockets cost: a fresh server process, its RSS before and after thousands
// of authenticated, subscribed sockets that receive nothing, and its heap after GC.
import { procMemory } from '../lib/proc';
import { log, own, ownChild } from '../lib/run';
import { sleep } from '../measure';
import { startServerChild, type BenchUser } from '../setup';
import { Fleet, type SocketSpec } from './fleet';
import type { LiveFigures } from './report';

/** Every session of `users` opens one socket, `batch` at a time. */
export async function measureIdleSockets(options: {
  appUrl: string;
  ownerUrl: string;
  origin: string;
  users: BenchUser[];
  batch: number;
  timeoutMs: number;
}): Promise<{ memory: LiveFigures['memory']; errorFrames: number }> {
  const { origin } = options;
  const server = await startServerChild({
    appUrl: options.appUrl,
    ownerUrl: options.ownerUrl,
    origin,
  });
  ownChild(server);
  log(`memory: fresh server pid ${server.pid}`);
  await sleep(3000);
  const baseline = procMemory(server.pid);
  const baseStats = await server.stats(true);
  const fleet = new Fleet(server.wsUrl, origin, () => {});
  own({ release: () => fleet.terminate() });
  const specs: SocketSpec[] = [];
  options.users.forEach((user, index) => {
    for (const cookie of user.cookies) specs.push({ cookie, user: index });
  });
  log(`opening ${specs.length} idle sockets, ${options.batch} at a time`);
  const openStart = performance.now();
  await fleet.open(specs, options.batch, options.timeoutMs);
  log(
    `${fleet.started} subscribed in ${((performance.now() - openStart) / 1000).toFixed(1)} s` +
      (fleet.failures.length ? `; failures: ${fleet.failures.slice(0, 3).join('; ')}` : ''),
  );
  await sleep(5000);
  const withSockets = procMemory(server.pid);
  const withStats = await server.stats(true);
  log(
    `RSS ${(baseline / 2 ** 20).toFixed(1)} MiB → ${(withSockets / 2 ** 20).toFixed(1)} MiB with ` +
      `${withStats.subscriptions} subscriptions (${withStats.sockets} sockets)`,
  );
  return {
    memory: {
      sockets: withStats.subscriptions,
      requested: specs.length,
      baseline,
      withSockets,
      heapAfterGcBaseline: baseStats.memory.heapUsed,
      heapAfterGcWith: withStats.memory.heapUsed,
    },
    errorFrames: fleet.errorFrames,
  };
}
