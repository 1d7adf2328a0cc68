// GET/HEAD /calendar/<token>.ics: the person's secret calendar feed, for
// Google Calendar, Apple Calendar and the like to subscribe to. Calendar apps
// send no cookies, so the token in the path is the credential: its owner is
// found by pursuit.calendar_feed_owner (the app role, no user), then the events
// are read as that person under RLS. Unknown, rotated, malformed and disabled
// all get the same 404. The ICS is written by ical-generator.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { calendarEventRows, calendarFeedOwner, type CalendarEventRow } from '@pursuit/api/server';
import { withUser, type Database } from '@pursuit/db';
import ical, { ICalEventTransparency } from 'ical-generator';

const FEED_PATH = /^\/calendar\/([^/?#]*)\.ics$/;
/** Calendar apps poll; this is the hint (REFRESH-INTERVAL, X-PUBLISHED-TTL) and the cache time. */
export const CALENDAR_REFRESH_SECONDS = 300;
const DEFAULT_INTERVIEW_MINUTES = 60;

const INTERVIEW_LABELS: Record<string, string> = {
  phone_screen: 'Phone screen',
  technical: 'Technical interview',
  onsite: 'Onsite interview',
  behavioral: 'Behavioral interview',
  final: 'Final interview',
  other: 'Interview',
};

const pathOf = (url: string) => url.split('?')[0]!;

export function isCalendarPath(url: string): boolean {
  return pathOf(url).startsWith('/calendar/');
}

/** The events of one person's feed as ICS text. UIDs are stable across reads. */
export function renderCalendar(rows: CalendarEventRow[], origin: string): string {
  const calendar = ical({
    name: 'Pursuit',
    description: 'Interviews, follow-ups and offer deadlines from Pursuit',
    prodId: { company: 'Pursuit', product: 'Pursuit', language: 'EN' },
    ttl: CALENDAR_REFRESH_SECONDS,
  });
  for (const row of rows) {
    const link = `${origin}/applications/${row.applicationId}`;
    const what = `${row.companyName} — ${row.roleTitle}`;
    if (row.kind === 'interview') {
      const minutes = row.durationMinutes ?? DEFAULT_INTERVIEW_MINUTES;
      const place = row.locationOrLink;
      calendar.createEvent({
        id: `interview-${row.id}@pursuit`,
        start: row.start,
        end: new Date(row.start.getTime() + minutes * 60_000),
        summary: `${INTERVIEW_LABELS[row.interviewKind ?? 'other'] ?? 'Interview'}: ${what}`,
        location: place,
        url: place && /^https?:\/\//i.test(place) ? place : link,
        description: `${what}\n${link}`,
      });
    } else if (row.kind === 'follow_up') {
      calendar.createEvent({
        id: `follow-up-${row.id}@pursuit`,
        start: row.day!,
        allDay: true,
        summary: `Follow up: ${what}`,
        url: link,
        description: `Follow up on your application.\n${link}`,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    } else {
      calendar.createEvent({
        id: `offer-deadline-${row.id}@pursuit`,
        start: row.start,
        end: row.start,
        summary: `Offer deadline: ${what}`,
        url: link,
        description: `Respond to the offer by now.\n${link}`,
      });
    }
  }
  return calendar.toString();
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Calendar feed not found.\n');
}

export interface CalendarFeedOptions {
  /** The request role: RLS applies. */
  app: Database;
  /** ORIGIN: links back to each application. */
  origin: string;
  log?: (line: string) => void;
}

/** Serves one feed request; 404 for anything but a current token of an enabled account. */
export function createCalendarFeed(options: CalendarFeedOptions) {
  return async function serveCalendar(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store' });
      res.end();
      return;
    }
    try {
      const match = FEED_PATH.exec(pathOf(req.url ?? '/'));
      const owner = match ? await calendarFeedOwner(options.app, match[1]!) : null;
      if (!owner) return notFound(res);
      const rows = await withUser(options.app, owner, (tx) => calendarEventRows(tx, owner));
      const body = renderCalendar(rows, options.origin);
      // DTSTAMP changes every render, so the tag covers the events only.
      const etag = `"${createHash('sha256')
        .update(body.replace(/^DTSTAMP:.*$/gm, ''))
        .digest('base64url')
        .slice(0, 27)}"`;
      const headers = {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': `private, max-age=${CALENDAR_REFRESH_SECONDS}`,
        'content-disposition': 'inline; filename="pursuit.ics"',
        etag,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      options.log?.(`calendar feed failed: ${String(error)}`);
      if (!res.headersSent) {
        res.writeHead(503, {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
        });
      }
      res.end('The calendar is unavailable; try again shortly.\n');
    }
  };
}
