// What is due in one person's search (issue 13, "Reminders and calendar"):
// follow-ups, interviews soon, offer deadlines soon, and applications gone quiet.
// One SQL round trip under the caller's RLS; the Today panel, the notification
// centre and the email digest all read this one list.
import { sql } from 'drizzle-orm';
import type { Tx } from '@pursuit/db';
import { readableOwner } from './access';

export const REMINDER_KINDS = ['follow_up', 'interview', 'offer_deadline', 'quiet'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Interviews this close (hours) are reminders. */
export const INTERVIEW_WINDOW_HOURS = 48;
/** Pending offers whose response deadline is this close (hours) are reminders. */
export const OFFER_WINDOW_HOURS = 72;

export interface Reminder {
  /** Stable across reads: `<kind>:<row id>`, so a list can be keyed and diffed. */
  key: string;
  kind: ReminderKind;
  applicationId: string;
  companyName: string;
  roleTitle: string;
  dueAt: Date;
  title: string;
  detail: string;
}

export interface ReminderList {
  items: Reminder[];
  ghostedAfterDays: number;
  generatedAt: Date;
}

interface Row extends Record<string, unknown> {
  kind: ReminderKind;
  row_id: string;
  application_id: string;
  company_name: string;
  role_title: string;
  due_at: Date | string;
  /** Interview kind, or null. */
  sub_kind: string | null;
  /** Interview location or link, or null. */
  place: string | null;
  /** Whole days: overdue for a follow-up, since applying for a quiet one. */
  days: number | null;
}

const INTERVIEW_LABELS: Record<string, string> = {
  phone_screen: 'Phone screen',
  technical: 'Technical interview',
  onsite: 'Onsite interview',
  behavioral: 'Behavioral interview',
  final: 'Final interview',
  other: 'Interview',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(row: Row): Pick<Reminder, 'title' | 'detail'> {
  const role = row.role_title;
  switch (row.kind) {
    case 'follow_up': {
      const days = row.days ?? 0;
      return {
        title: `Follow up with ${row.company_name}`,
        detail: days > 0 ? `${role} · was due ${plural(days, 'day')} ago` : `${role} · due today`,
      };
    }
    case 'interview': {
      const label = INTERVIEW_LABELS[row.sub_kind ?? 'other'] ?? 'Interview';
      return {
        title: `${label} at ${row.company_name}`,
        detail: row.place ? `${role} · ${row.place}` : role,
      };
    }
    case 'offer_deadline':
      return {
        title: `Offer deadline: ${row.company_name}`,
        detail: `${role} · respond by the deadline`,
      };
    case 'quiet':
      return {
        title: `No reply from ${row.company_name} in ${plural(row.days ?? 0, 'day')}`,
        detail: `${role} · follow up, or mark it ghosted`,
      };
  }
}

/**
 * The reminders of `ownerId`'s search (the caller's own by default), sorted by
 * when they are due. RLS decides what a grantee sees (never a private
 * application); `readableOwner` turns "no grant" into NOT_FOUND.
 *
 * Quiet follows the issue's Ghosted definition: applied at least
 * `ghostedAfterDays` ago, no response since (never reached interviewing,
 * offer, accepted or rejected after applying), still in `applied` (a card in
 * a closing stage needs no nudge) and with no follow-up date set (one set
 * means the person has already planned the next step; when it comes due it is
 * a follow-up reminder instead).
 */
export async function listReminders(
  tx: Tx,
  userId: string,
  input: { ownerId?: string },
  ghostedAfterDays: number,
): Promise<ReminderList> {
  const owner = await readableOwner(tx, userId, input.ownerId);
  const rows = await tx.execute<Row & { generated_at: Date | string }>(sql`
    with live_applications as (
      select a.* from applications a
       where a.user_id = ${owner}::uuid and a.archived_at is null
         and a.stage not in ('accepted', 'rejected', 'withdrawn', 'ghosted')
    )
    select r.*, now() as generated_at from (
      select 'follow_up' as kind, a.id as row_id, a.id as application_id, a.company_name,
             a.role_title, (a.follow_up_on::timestamp at time zone 'UTC') as due_at,
             null::text as sub_kind, null::text as place,
             (current_date - a.follow_up_on)::int as days
        from live_applications a
       where a.follow_up_on <= current_date
      union all
      select 'interview', i.id, a.id, a.company_name, a.role_title, i.scheduled_at,
             i.kind::text, i.location_or_link, null
        from interviews i join live_applications a on a.id = i.application_id
       where i.user_id = ${owner}::uuid and i.outcome = 'pending'
         and i.scheduled_at >= now()
         and i.scheduled_at < now() + make_interval(hours => ${INTERVIEW_WINDOW_HOURS})
      union all
      select 'offer_deadline', o.id, a.id, a.company_name, a.role_title, o.response_deadline,
             null, null, null
        from offers o join applications a on a.id = o.application_id
       where o.user_id = ${owner}::uuid and a.archived_at is null and o.status = 'pending'
         and o.response_deadline >= now()
         and o.response_deadline < now() + make_interval(hours => ${OFFER_WINDOW_HOURS})
      union all
      select 'quiet', a.id, a.id, a.company_name, a.role_title,
             a.applied_at + make_interval(days => ${ghostedAfterDays}), null, null,
             (current_date - (a.applied_at at time zone 'UTC')::date)::int
        from live_applications a
       where a.stage = 'applied' and a.follow_up_on is null
         and a.applied_at <= now() - make_interval(days => ${ghostedAfterDays})
         and not exists (
           select 1 from application_stage_history h
            where h.application_id = a.id
              and h.to_stage in ('interviewing', 'offer', 'accepted', 'rejected')
              and h.changed_at >= a.applied_at)
    ) r
    order by r.due_at, r.kind, r.row_id`);
  const generatedAt = rows[0] ? new Date(rows[0].generated_at) : new Date();
  const items = rows.map((row): Reminder => ({
    key: `${row.kind}:${row.row_id}`,
    kind: row.kind,
    applicationId: row.application_id,
    companyName: row.company_name,
    roleTitle: row.role_title,
    dueAt: new Date(row.due_at),
    ...describe(row),
  }));
  return { items, ghostedAfterDays, generatedAt };
}
