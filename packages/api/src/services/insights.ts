// The numbers of a search (issue 13, "Insights"): funnel counts, rates, time
// to first response, time in each stage, weekly activity, and response rate
// by source and by résumé sent. One SQL statement over the stage history and
// applications.applied_at, run in the caller's RLS transaction.
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { STAGES, userAnalytics, type Stage, type Tx, type UserAnalytics } from '@pursuit/db';
import { readableOwner } from './access';

/**
 * The issue's definitions, word for word, shown next to each number. The
 * rates share one sentence in the issue; each rate carries its own clause.
 */
export const DEFINITIONS = {
  applied: 'Applied: reached applied or any later stage (by stage history or applied_at).',
  responded:
    'Responded: applied, and later reached interviewing, offer, accepted or rejected. A rejection is a response.',
  ghosted:
    'Ghosted: applied at least N days ago (GHOSTED_AFTER_DAYS, default 21), no response since, not withdrawn.',
  responseRate: 'Response rate = responded ÷ applied.',
  interviewRate: 'Interview rate = reached interviewing or later ÷ applied.',
  offerRate: 'Offer rate = reached offer or accepted ÷ applied.',
  medianDaysToFirstResponse:
    'Median days to first response: over responded applications, the days from applying to the first response.',
  timeInStage:
    'Time in stage: from entering a stage to leaving it (or now), from the stage history.',
} as const;

export type Definitions = typeof DEFINITIONS;

export interface InsightsInput {
  from?: Date;
  to?: Date;
  ownerId?: string;
}

export interface Breakdown {
  key: string;
  applied: number;
  responded: number;
  responseRate: number | null;
}

export interface WeekActivity {
  /** ISO week, "2026-W48". */
  week: string;
  /** Its Monday (UTC), "2026-11-23". */
  weekStart: string;
  added: number;
  applied: number;
}

export interface InsightsSummary {
  ownerId: string;
  from: Date | null;
  to: Date | null;
  /** Applications by their current stage. */
  stages: Record<Stage, number>;
  /** Applications added (created) in the window. */
  added: number;
  applied: number;
  responded: number;
  interviewing: number;
  offers: number;
  accepted: number;
  ghosted: number;
  responseRate: number | null;
  interviewRate: number | null;
  offerRate: number | null;
  medianDaysToFirstResponse: number | null;
  medianDaysInStage: Record<Stage, number | null>;
  weekly: WeekActivity[];
  bySource: Breakdown[];
  byResume: Breakdown[];
  definitions: Definitions;
  ghostedAfterDays: number;
}

/** The bucket for applications with no source, or no résumé marked sent. */
export const NOT_RECORDED = 'Not recorded';

/** Stages whose entry is a response from the employer. */
export const RESPONSE_STAGES = ['interviewing', 'offer', 'accepted', 'rejected'] as const;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Days to one decimal: what a person reads, and what tests can state exactly. */
const days = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

interface Row {
  stages: { stage: Stage; n: number }[] | null;
  totals: {
    added: number;
    applied: number;
    responded: number;
    interviewing: number;
    offers: number;
    accepted: number;
    ghosted: number;
    median_response_days: number | null;
  };
  in_stage: { stage: Stage; median_days: number }[] | null;
  weekly: { week: string; week_start: string; added: number; applied: number }[] | null;
  by_source: { key: string; applied: number; responded: number }[] | null;
  by_resume: { key: string; applied: number; responded: number }[] | null;
}

/**
 * The summary of `ownerId`'s search (the caller's own by default), as RLS
 * lets the caller see it: a grantee gets the owner's non-private applications.
 *
 * The window (`from`, `to`, both inclusive) selects applications by when they
 * were applied: every applied-based number (applied, responded, ghosted, the
 * rates, first response, by source and by résumé) counts the applications
 * applied within it, wherever their later stages fell, so a rate never mixes
 * applications from outside the window. "Added" per week counts applications
 * created in the window. Counts per stage and time in stage cover the
 * applications "in" the window: applied in it, or never applied and added in it.
 */
export async function insightsSummary(
  tx: Tx,
  userId: string,
  input: InsightsInput,
  ghostedAfterDays: number,
): Promise<InsightsSummary> {
  const ownerId = await readableOwner(tx, userId, input.ownerId);
  const from = input.from ?? null;
  const to = input.to ?? null;
  const fromIso = from?.toISOString() ?? null;
  const toIso = to?.toISOString() ?? null;
  // Time in stage reads the steps of the applications in scope: all of them
  // unless a window is asked for.
  const scoped = (applicationId: ReturnType<typeof sql>) =>
    from !== null || to !== null ? sql`and ${applicationId} in (select id from in_scope)` : sql``;
  const inWindow = (column: ReturnType<typeof sql>) =>
    sql`(${fromIso}::timestamptz is null or ${column} >= ${fromIso}::timestamptz)
        and (${toIso}::timestamptz is null or ${column} <= ${toIso}::timestamptz)`;

  // Filtered by user_id as well as RLS: a grantee's RLS also returns the rows
  // of every other search shared with them.
  const [row] = await tx.execute<Row & Record<string, unknown>>(sql`
    -- Each application's stage facts (application_stage_facts: kept from the
    -- card and its history by triggers, so the history is not sorted and
    -- grouped on every call).
    with facts as materialized (
      select f.application_id as id, f.stage, f.created_at, f.source, f.applied_time,
             f.first_response_at as first_response,
             f.reached_interviewing, f.reached_offer, f.reached_accepted
        from application_stage_facts f
       where f.user_id = ${ownerId}::uuid
    ),
    applied as (
      select f.*,
             f.first_response is not null as responded,
             (f.stage = 'ghosted'
               or (f.first_response is null and f.stage <> 'withdrawn'
                   and f.applied_time <= now() - make_interval(days => ${ghostedAfterDays}::int)))
               as ghosted
        from facts f
       where f.applied_time is not null and ${inWindow(sql`f.applied_time`)}
    ),
    in_scope as (
      select f.id, f.stage from facts f
       where ${inWindow(sql`coalesce(f.applied_time, f.created_at)`)}
    ),
    bounds as (
      select date_trunc('week', coalesce(${fromIso}::timestamptz,
                                         least((select min(created_at) from facts),
                                               (select min(applied_time) from facts)))
                                at time zone 'UTC') as lo,
             date_trunc('week', coalesce(${toIso}::timestamptz, now()) at time zone 'UTC') as hi
    ),
    weeks as (
      -- At most ten years of weeks, whatever window is asked for.
      select g as week_start
        from bounds, generate_series(greatest(bounds.lo, bounds.hi - interval '520 weeks'),
                                     bounds.hi, interval '1 week') g
       where bounds.lo is not null
    ),
    added_weekly as (
      select date_trunc('week', f.created_at at time zone 'UTC') as week_start, count(*)::int as n
        from facts f where ${inWindow(sql`f.created_at`)} group by 1
    ),
    applied_weekly as (
      select date_trunc('week', a.applied_time at time zone 'UTC') as week_start, count(*)::int as n
        from applied a group by 1
    )
    select
      (select json_agg(json_build_object('stage', s.stage, 'n', s.n))
         from (select stage, count(*)::int as n from in_scope group by stage) s) as stages,
      (select json_build_object(
          'added', (select count(*)::int from facts f where ${inWindow(sql`f.created_at`)}),
          'applied', count(*)::int,
          'responded', count(*) filter (where responded)::int,
          'interviewing', count(*) filter (where reached_interviewing)::int,
          'offers', count(*) filter (where reached_offer)::int,
          'accepted', count(*) filter (where reached_accepted)::int,
          'ghosted', count(*) filter (where ghosted)::int,
          'median_response_days', percentile_cont(0.5) within group (
             order by date_part('epoch', first_response - applied_time) / 86400.0)
             filter (where responded))
         from applied) as totals,
      (select json_agg(json_build_object('stage', s.stage, 'median_days', s.median_days))
         from (select st.stage,
                      percentile_cont(0.5) within group (order by st.days) as median_days
                 -- The step arrays straight from the table: carried through
                 -- the CTEs above they would be copied twice over.
                 from (select unnest(sf.closed_stages) as stage, unnest(sf.closed_days) as days
                         from application_stage_facts sf
                        where sf.user_id = ${ownerId}::uuid ${scoped(sql`sf.application_id`)}
                       union all
                       select sf.open_stage, date_part('epoch', now() - sf.open_entered_at) / 86400.0
                         from application_stage_facts sf
                        where sf.user_id = ${ownerId}::uuid and sf.open_stage is not null
                              ${scoped(sql`sf.application_id`)}) st
                group by st.stage) s) as in_stage,
      (select json_agg(json_build_object(
                'week', to_char(w.week_start, 'IYYY-"W"IW'),
                'week_start', to_char(w.week_start, 'YYYY-MM-DD'),
                'added', coalesce(ad.n, 0), 'applied', coalesce(ap.n, 0)) order by w.week_start)
         from weeks w
         left join added_weekly ad on ad.week_start = w.week_start
         left join applied_weekly ap on ap.week_start = w.week_start) as weekly,
      (select json_agg(json_build_object('key', b.key, 'applied', b.applied, 'responded', b.responded)
                       order by b.applied desc, b.key)
         from (select coalesce(min(nullif(btrim(a.source), '')), ${NOT_RECORDED}) as key,
                      count(*)::int as applied, count(*) filter (where a.responded)::int as responded
                 from applied a
                group by lower(nullif(btrim(a.source), ''))) b) as by_source,
      (select json_agg(json_build_object('key', b.key, 'applied', b.applied, 'responded', b.responded)
                       order by b.applied desc, b.key)
         from (select coalesce(sm.label, ${NOT_RECORDED}) as key,
                      count(*)::int as applied, count(*) filter (where a.responded)::int as responded
                 from applied a
                 left join sent_materials sm
                   on sm.application_id = a.id and sm.user_id = ${ownerId}::uuid and sm.kind = 'resume'
                group by 1) b) as by_resume
  `);
  if (!row) throw new Error('insights summary returned no row');

  const stages = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const s of row.stages ?? []) stages[s.stage] = s.n;
  const medianDaysInStage = Object.fromEntries(STAGES.map((s) => [s, null])) as Record<
    Stage,
    number | null
  >;
  for (const s of row.in_stage ?? []) medianDaysInStage[s.stage] = days(s.median_days);
  const t = row.totals;
  const breakdown = (list: Row['by_source']): Breakdown[] =>
    (list ?? []).map((b) => ({ ...b, responseRate: ratio(b.responded, b.applied) }));

  return {
    ownerId,
    from,
    to,
    stages,
    added: t.added,
    applied: t.applied,
    responded: t.responded,
    interviewing: t.interviewing,
    offers: t.offers,
    accepted: t.accepted,
    ghosted: t.ghosted,
    responseRate: ratio(t.responded, t.applied),
    interviewRate: ratio(t.interviewing, t.applied),
    offerRate: ratio(t.offers, t.applied),
    medianDaysToFirstResponse: days(t.median_response_days),
    medianDaysInStage,
    weekly: (row.weekly ?? []).map((w) => ({
      week: w.week,
      weekStart: w.week_start,
      added: w.added,
      applied: w.applied,
    })),
    bySource: breakdown(row.by_source),
    byResume: breakdown(row.by_resume),
    definitions: DEFINITIONS,
    ghostedAfterDays,
  };
}

export type Snapshot = Omit<UserAnalytics, 'userId' | 'createdAt'>;

/**
 * The caller's daily snapshots (user_analytics) for the last `days` UTC days,
 * oldest first. Only the person's own: snapshots are not shared.
 */
export async function insightsSnapshots(
  tx: Tx,
  userId: string,
  input: { days: number },
): Promise<{ snapshots: Snapshot[] }> {
  const since = new Date(Date.now() - input.days * 86_400_000).toISOString().slice(0, 10);
  const rows = await tx
    .select({
      day: userAnalytics.day,
      applicationsSubmitted: userAnalytics.applicationsSubmitted,
      interviewsScheduled: userAnalytics.interviewsScheduled,
      offersReceived: userAnalytics.offersReceived,
      documentsGenerated: userAnalytics.documentsGenerated,
      responseRate: userAnalytics.responseRate,
    })
    .from(userAnalytics)
    .where(and(eq(userAnalytics.userId, userId), gte(userAnalytics.day, since)))
    .orderBy(desc(userAnalytics.day));
  return { snapshots: rows.reverse() };
}
