// The live benchmark's shared-search figures (issue 12): one owner's change
// delivered to the owner and 20 grantees (commit → receive on all 21 sockets),
// and the deliveries per second to 100 coaches each watching 20 people. A fresh
// server process, so its hub loads the shares at start like any instance.
import postgres from 'postgres';
import { log, own, ownChild } from '../lib/run';
import { sleep, type Summary } from '../measure';
import { createUsers, startServerChild } from '../setup';
import { Fleet, type SocketSpec } from './fleet';
import { measurePhase, type PhaseContext } from './phases';
import { Tracker } from './tracker';
import { Writers, type WriteTarget } from './writers';

export const SHARING = {
  grantees: 20,
  /**
   * The owner's writes go round-robin over this many applications: a change
   * is re-read when delivered, so two writes to one row within a feed batch
   * would carry the same (newest) notes and read as one lost, one duplicate.
   * At 50 writes/s each row is written once every 8 s.
   */
  ownerApplications: 400,
  fanout: { rate: 50, durationMs: 8_000 },
  coaches: 100,
  perCoach: 20,
  coach: { rate: 600, durationMs: 10_000 },
  writerConnections: 16,
  drainMs: 5_000,
};

export interface SharingFigures {
  /** The routing checks of both phases (the benchmark fails on any error). */
  routing: {
    misrouted: number;
    duplicates: number;
    stray: number;
    superseded: number;
    duplicateSamples: string[];
  };
  fanout: {
    sockets: number;
    rate: number;
    achievedRate: number;
    latency: Summary;
    afterCommit: Summary;
  };
  coaches: {
    coaches: number;
    perCoach: number;
    rate: number;
    achievedRate: number;
    deliveredPerSecond: number;
    expectedPerSecond: number;
    latency: Summary;
  };
}

/** What a live phase that starts its own server needs: the database, the origin, and seed data. */
export interface PhaseOptions {
  owner: postgres.Sql;
  appUrl: string;
  ownerUrl: string;
  origin: string;
  passwordHash: string;
  companyId: string;
  postmasterPid: number;
}

export async function measureSharing(options: PhaseOptions): Promise<SharingFigures> {
  const { owner } = options;
  const users = { passwordHash: options.passwordHash, companyId: options.companyId };
  log(
    `sharing: 1 owner + ${SHARING.grantees} grantees; ${SHARING.coaches} coaches × ${SHARING.perCoach} people`,
  );
  const [fanOwner] = await createUsers(owner, {
    ...users,
    tag: 'shared-owner',
    count: 1,
    sessionsPerUser: 1,
    withApplication: true,
  });
  const grantees = await createUsers(owner, {
    ...users,
    tag: 'grantee',
    count: SHARING.grantees,
    sessionsPerUser: 1,
    withApplication: false,
  });
  const coaches = await createUsers(owner, {
    ...users,
    tag: 'coach',
    count: SHARING.coaches,
    sessionsPerUser: 1,
    withApplication: false,
  });
  const seekers = await createUsers(owner, {
    ...users,
    tag: 'seeker',
    count: SHARING.coaches * SHARING.perCoach,
    sessionsPerUser: 1,
    withApplication: true,
  });
  const more = await owner<{ id: string }[]>`
    insert into applications (user_id, company_id, company_name, role_title, job_description, position)
    select a.user_id, a.company_id, a.company_name, a.role_title, a.job_description, 'a' || g
      from applications a, generate_series(1, ${SHARING.ownerApplications - 1}) g
     where a.id = ${fanOwner!.applicationId}
    returning id`;
  const ownerApplications = [fanOwner!.applicationId!, ...more.map((row) => row.id)];
  const pairs: [string, string][] = grantees.map((g) => [fanOwner!.userId, g.userId]);
  seekers.forEach((s, i) =>
    pairs.push([s.userId, coaches[Math.floor(i / SHARING.perCoach)]!.userId]),
  );
  await owner`
    insert into shares (owner_id, grantee_id, role)
    select o, g, 'viewer'
      from unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::uuid[]) as t(o, g)`;
  await owner`analyze`;

  const server = await startServerChild({
    appUrl: options.appUrl,
    ownerUrl: options.ownerUrl,
    origin: options.origin,
  });
  ownChild(server);
  const writerSql = postgres(options.appUrl, {
    max: SHARING.writerConnections,
    onnotice: () => {},
  });
  own({ release: () => writerSql.end({ timeout: 2 }).catch(() => undefined) });
  try {
    // ---------------------------------------- 1 owner + 20 grantees, one socket each
    const fanout = 1 + SHARING.grantees;
    const fanTracker = new Tracker(50_000, fanout);
    const fanFleet = new Fleet(server.wsUrl, options.origin, (seq, user, at, eventId, socket) =>
      fanTracker.delivered(seq, user, at, eventId, socket),
    );
    own({ release: () => fanFleet.terminate() });
    const fanSpecs: SocketSpec[] = [fanOwner!, ...grantees].map((u) => ({
      cookie: u.cookies[0]!,
      user: 0,
    }));
    await fanFleet.open(fanSpecs, 100, 60_000);
    if (fanFleet.started !== fanSpecs.length) {
      throw new Error(`sharing: only ${fanFleet.started} of ${fanSpecs.length} sockets subscribed`);
    }
    const fanTargets: WriteTarget[] = ownerApplications.map((applicationId) => ({
      user: 0,
      userId: fanOwner!.userId,
      applicationId,
    }));
    const fanWriters = new Writers(writerSql, 4, fanTracker, fanTargets);
    await fanWriters.init();
    const fanCtx: PhaseContext = {
      server,
      tracker: fanTracker,
      writers: fanWriters,
      postmasterPid: options.postmasterPid,
      drainMs: SHARING.drainMs,
    };
    log(
      `sharing: ${SHARING.fanout.durationMs / 1000} s at ${SHARING.fanout.rate} writes/s, each to ${fanout} sockets`,
    );
    const fan = await measurePhase(fanCtx, SHARING.fanout.rate, SHARING.fanout.durationMs);
    log(
      `  p50/p95/p99 ${fan.latency.p50.toFixed(2)} / ${fan.latency.p95.toFixed(2)} / ` +
        `${fan.latency.p99.toFixed(2)} ms over ${fan.latency.n} deliveries, lost ${fan.latency.lost}, ` +
        `misrouted ${fanTracker.misrouted}, duplicates ${fanTracker.duplicates}`,
    );
    fanWriters.release();
    fanFleet.terminate();
    await sleep(500);

    // ---------------------------------------- 100 coaches, each watching 20 people
    const coachTracker = new Tracker(100_000, 1);
    const coachFleet = new Fleet(server.wsUrl, options.origin, (seq, user, at, eventId, socket) =>
      coachTracker.delivered(seq, user, at, eventId, socket),
    );
    own({ release: () => coachFleet.terminate() });
    const coachSpecs: SocketSpec[] = coaches.map((c, index) => ({
      cookie: c.cookies[0]!,
      user: index,
    }));
    await coachFleet.open(coachSpecs, 100, 60_000);
    if (coachFleet.started !== coachSpecs.length) {
      throw new Error(
        `sharing: only ${coachFleet.started} of ${coachSpecs.length} coach sockets subscribed`,
      );
    }
    // A write by seeker i is for coach ⌊i / 20⌋'s socket only.
    const coachTargets: WriteTarget[] = seekers.map((s, i) => ({
      user: Math.floor(i / SHARING.perCoach),
      userId: s.userId,
      applicationId: s.applicationId!,
    }));
    const coachWriters = new Writers(
      writerSql,
      SHARING.writerConnections,
      coachTracker,
      coachTargets,
    );
    await coachWriters.init();
    const coachCtx: PhaseContext = { ...fanCtx, tracker: coachTracker, writers: coachWriters };
    log(
      `sharing: ${SHARING.coach.durationMs / 1000} s at ${SHARING.coach.rate} writes/s by ` +
        `${seekers.length} people, to ${coaches.length} coach sockets`,
    );
    const coach = await measurePhase(coachCtx, SHARING.coach.rate, SHARING.coach.durationMs);
    log(
      `  achieved ${Math.round(coach.run.achievedRate)} writes/s, delivered ${Math.round(coach.deliveredPerSecond)}/s ` +
        `(expected ${Math.round(coach.expectedPerSecond)}), p50/p95/p99 ${coach.latency.p50.toFixed(2)} / ` +
        `${coach.latency.p95.toFixed(2)} / ${coach.latency.p99.toFixed(2)} ms, lost ${coach.latency.lost}, ` +
        `misrouted ${coachTracker.misrouted}, duplicates ${coachTracker.duplicates}`,
    );
    coachWriters.release();
    coachFleet.terminate();
    return {
      routing: {
        misrouted: fanTracker.misrouted + coachTracker.misrouted,
        duplicates: fanTracker.duplicates + coachTracker.duplicates,
        stray: fanTracker.stray + coachTracker.stray,
        superseded: fanTracker.superseded + coachTracker.superseded,
        duplicateSamples: [...fanTracker.duplicateSamples, ...coachTracker.duplicateSamples],
      },
      fanout: {
        sockets: fanout,
        rate: SHARING.fanout.rate,
        achievedRate: fan.run.achievedRate,
        latency: fan.latency,
        afterCommit: fan.afterCommit,
      },
      coaches: {
        coaches: coaches.length,
        perCoach: SHARING.perCoach,
        rate: SHARING.coach.rate,
        achievedRate: coach.run.achievedRate,
        deliveredPerSecond: coach.deliveredPerSecond,
        expectedPerSecond: coach.expectedPerSecond,
        latency: coach.latency,
      },
    };
  } finally {
    await server.stop();
  }
}
