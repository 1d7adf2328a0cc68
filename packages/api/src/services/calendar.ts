// The secret calendar feed (/calendar/<token>.ics): its token, and the events
// it carries. The token is 32 random bytes (base64url) shown once; only its
// SHA-256 (hex) is stored, so a stored feed's URL can never be shown again —
// rotating makes a new one and the old URL stops working.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { calendarFeeds, type Database, type Tx } from '@pursuit/db';

/** A token as the URL carries it: 43 base64url characters (32 bytes). */
export const CALENDAR_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface CalendarFeedView {
  /** Shown once, when made; null for a feed that already existed. */
  url: string | null;
  createdAt: Date | null;
}

export function generateCalendarToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase64urlNoPadding(bytes);
}

export function hashCalendarToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function calendarFeedUrl(publicOrigin: string, token: string): string {
  return `${publicOrigin.replace(/\/+$/, '')}/calendar/${token}.ics`;
}

/** Whether the person has a feed, and since when (never its URL). */
export async function calendarFeedStatus(
  tx: Tx,
  userId: string,
): Promise<{ createdAt: Date | null }> {
  const [row] = await tx
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return { createdAt: row?.createdAt ?? null };
}

/** A new token replaces any old one (same row, new hash and date). */
export async function rotateCalendarFeed(
  tx: Tx,
  userId: string,
  publicOrigin: string,
): Promise<{ url: string; createdAt: Date }> {
  const token = generateCalendarToken();
  const tokenHash = hashCalendarToken(token);
  const [row] = await tx
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash, createdAt: sql`now()` },
    })
    .returning({ createdAt: calendarFeeds.createdAt });
  return { url: calendarFeedUrl(publicOrigin, token), createdAt: row!.createdAt };
}

/**
 * The feed's URL when this call makes it; an existing feed is left alone and
 * its URL (not stored) comes back null, with the date it was made.
 */
export async function ensureCalendarFeed(
  tx: Tx,
  userId: string,
  publicOrigin: string,
): Promise<CalendarFeedView> {
  const existing = await calendarFeedStatus(tx, userId);
  if (existing.createdAt) return { url: null, createdAt: existing.createdAt };
  return rotateCalendarFeed(tx, userId, publicOrigin);
}

export async function disableCalendarFeed(tx: Tx, userId: string): Promise<{ ok: true }> {
  await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return { ok: true };
}

/**
 * The owner of a feed token, or null (unknown, rotated, malformed, or the
 * account is disabled). Runs with no user set: pursuit.calendar_feed_owner is
 * the one definer function that may look across people.
 */
export async function calendarFeedOwner(db: Database, token: string): Promise<string | null> {
  if (!CALENDAR_TOKEN_SHAPE.test(token)) return null;
  const [row] = await db.sql<{ owner: string | null }[]>`
    select pursuit.calendar_feed_owner(${hashCalendarToken(token)}) as owner`;
  return row?.owner ?? null;
}

export type CalendarEventKind = 'interview' | 'follow_up' | 'offer_deadline';

export interface CalendarEventRow {
  kind: CalendarEventKind;
  /** Interview id, application id (follow-up) or offer id: the UID's stem. */
  id: string;
  applicationId: string;
  companyName: string;
  roleTitle: string;
  /** Interview start, follow-up day (midnight UTC of that date), offer deadline. */
  start: Date;
  /** The follow-up's date as stored (YYYY-MM-DD); null for the others. */
  day: string | null;
  durationMinutes: number | null;
  interviewKind: string | null;
  locationOrLink: string | null;
}

/**
 * What the person's own feed holds: interviews from 30 days back on (not the
 * whole past, which nobody needs in a calendar), follow-up dates of open
 * applications, and pending offers' deadlines. Read as the owner under RLS.
 */
export async function calendarEventRows(tx: Tx, userId: string): Promise<CalendarEventRow[]> {
  const rows = await tx.execute<{
    kind: CalendarEventKind;
    id: string;
    application_id: string;
    company_name: string;
    role_title: string;
    start: Date | string;
    day: string | null;
    duration_minutes: number | null;
    interview_kind: string | null;
    location_or_link: string | null;
  }>(sql`
    select 'interview' as kind, i.id, a.id as application_id, a.company_name, a.role_title,
           i.scheduled_at as start, null::text as day, i.duration_minutes,
           i.kind::text as interview_kind, i.location_or_link
      from interviews i join applications a on a.id = i.application_id
     where i.user_id = ${userId}::uuid and a.archived_at is null
       and i.scheduled_at >= now() - interval '30 days'
    union all
    select 'follow_up', a.id, a.id, a.company_name, a.role_title,
           a.follow_up_on::timestamp at time zone 'UTC', a.follow_up_on::text, null, null, null
      from applications a
     where a.user_id = ${userId}::uuid and a.archived_at is null and a.follow_up_on is not null
       and a.stage not in ('accepted', 'rejected', 'withdrawn', 'ghosted')
    union all
    select 'offer_deadline', o.id, a.id, a.company_name, a.role_title,
           o.response_deadline, null, null, null, null
      from offers o join applications a on a.id = o.application_id
     where o.user_id = ${userId}::uuid and a.archived_at is null
       and o.status = 'pending' and o.response_deadline is not null
    order by 6, 1, 2`);
  return rows.map((row) => ({
    kind: row.kind,
    id: row.id,
    applicationId: row.application_id,
    companyName: row.company_name,
    roleTitle: row.role_title,
    start: new Date(row.start),
    day: row.day,
    durationMinutes: row.duration_minutes,
    interviewKind: row.interview_kind,
    locationOrLink: row.location_or_link,
  }));
}
