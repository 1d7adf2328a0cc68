// Daily snapshots (issue 13, user_analytics): one row per person per UTC day,
// so a trend survives later edits to the applications it counted. A
// graphile-worker crontab task writes the previous day shortly after midnight
// UTC, once across instances; a job added by hand also writes today so far.
import type { Database } from '@pursuit/db';
import { parseCronItems, type ParsedCronItem, type Task } from 'graphile-worker';

export const SNAPSHOT_TASK = 'pursuit_daily_snapshots';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 00:05 UTC daily; a worker starting later that day (or the next) writes the one it missed. */
export const snapshotSchedule: ParsedCronItem[] = parseCronItems([
  {
    task: SNAPSHOT_TASK,
    match: '5 0 * * *',
    identifier: SNAPSHOT_TASK,
    options: { backfillPeriod: 2 * DAY_MS, maxAttempts: 3, jobKey: SNAPSHOT_TASK },
  },
]);

/** "2026-11-30": the UTC day of `at`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Writes (or rewrites) every active person's row for `day` in one statement,
 * as the owner role (people may only read user_analytics). Returns the rows
 * written. The numbers follow services/insights.ts:
 * - applications_submitted: applications that reached applied that day
 *   (the earlier of applied_at and the first step past interested);
 * - interviews_scheduled: interviews created that day;
 * - offers_received: moves to offer that day;
 * - documents_generated: document versions a generator wrote that day (not a
 *   person's edit, not a restored old version);
 * - response_rate: responded ÷ applied over the whole search as of the end of
 *   that day (null before the first application).
 */
export async function writeSnapshots(owner: Database, day: string): Promise<number> {
  const rows = await owner.sql`
    with bounds as (
      select ${day}::date as day,
             (${day}::date)::timestamp at time zone 'UTC' as lo,
             (${day}::date + 1)::timestamp at time zone 'UTC' as hi
    ),
    hist as (
      select h.application_id,
             min(h.changed_at) filter (where h.to_stage <> 'interested') as first_past_interested,
             min(h.changed_at) filter (
               where h.to_stage in ('interviewing', 'offer', 'accepted', 'rejected')) as first_response,
             count(*) filter (where h.to_stage = 'offer' and h.changed_at >= b.lo)::int as offers
        from application_stage_history h, bounds b
       where h.changed_at < b.hi
       group by h.application_id
    ),
    facts as (
      select a.user_id,
             least(case when a.applied_at < b.hi then a.applied_at end,
                   hist.first_past_interested) as applied_time,
             hist.first_response,
             coalesce(hist.offers, 0) as offers
        from applications a
        cross join bounds b
        left join hist on hist.application_id = a.id
    ),
    per_user as (
      select f.user_id,
             count(*) filter (where f.applied_time >= b.lo)::int as submitted,
             count(*) filter (where f.applied_time is not null)::int as applied,
             count(*) filter (where f.applied_time is not null
                                and f.first_response is not null)::int as responded,
             sum(f.offers)::int as offers
        from facts f, bounds b
       group by f.user_id
    ),
    interviews_made as (
      select i.user_id, count(*)::int as n from interviews i, bounds b
       where i.created_at >= b.lo and i.created_at < b.hi group by i.user_id
    ),
    documents_made as (
      select v.user_id, count(*)::int as n from document_versions v, bounds b
       where v.created_at >= b.lo and v.created_at < b.hi
         and not v.user_edited and not (v.settings ? 'restoredFrom')
       group by v.user_id
    )
    insert into user_analytics as ua
      (user_id, day, applications_submitted, interviews_scheduled, offers_received,
       documents_generated, response_rate)
    select u.id, b.day, coalesce(p.submitted, 0), coalesce(i.n, 0), coalesce(p.offers, 0),
           coalesce(d.n, 0),
           case when p.applied > 0 then round(p.responded::numeric / p.applied, 4) end
      from users u
      cross join bounds b
      left join per_user p on p.user_id = u.id
      left join interviews_made i on i.user_id = u.id
      left join documents_made d on d.user_id = u.id
     where u.disabled_at is null and u.created_at < b.hi
    on conflict (user_id, day) do update
       set applications_submitted = excluded.applications_submitted,
           interviews_scheduled = excluded.interviews_scheduled,
           offers_received = excluded.offers_received,
           documents_generated = excluded.documents_generated,
           response_rate = excluded.response_rate,
           created_at = now()
    returning 1`;
  return rows.length;
}

/** The days a run writes: the day before a crontab tick; yesterday and today so far by hand. */
export function snapshotDays(payload: unknown, now: Date): string[] {
  const cron = (payload as { _cron?: { ts?: string } } | null)?._cron;
  if (cron?.ts) return [utcDay(new Date(Date.parse(cron.ts) - DAY_MS))];
  return [utcDay(new Date(now.getTime() - DAY_MS)), utcDay(now)];
}

/** The task handler; errors reach graphile-worker, which retries (maxAttempts above). */
export function snapshotTask(owner: Database, log: (line: string) => void): Task {
  return async (payload) => {
    for (const day of snapshotDays(payload, new Date())) {
      const written = await writeSnapshots(owner, day);
      log(`snapshots: ${written} row(s) for ${day}`);
    }
  };
}
