// The secret calendar feed as a calendar app reaches it: a real HTTP server,
// no cookie, the token in the path; the served ICS parsed by ical.js (a real
// ICS parser, as Google and Apple Calendar would). Events, times and stable
// UIDs; rotate → the old URL is 404; nobody else's data; a disabled account 404.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  appRouter,
  createCallerFactory,
  createContextInner,
  noDocumentServices,
  noLiveFeed,
} from '@pursuit/api/server';
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPursuitServer, type PursuitServer } from '../src/http';

const ORIGIN = 'http://pursuit.test';
const DESCRIPTION =
  'Own the ingestion pipeline end to end: Kafka consumers, Postgres schemas and a zygomorphic cache layer.';
const createCaller = createCallerFactory(appRouter);

let t: TestDatabase;
let pursuit: PursuitServer;
let base: string;

function caller(token: string | null, cookies?: { set(token: string): void }) {
  return createCaller(
    createContextInner({
      db: t.app,
      feed: noLiveFeed,
      documents: noDocumentServices,
      sessionToken: token,
      publicOrigin: ORIGIN,
      cookies: cookies ? { set: (tk) => cookies.set(tk), clear() {} } : undefined,
    }),
  );
}

async function signUp(name: string) {
  let token = '';
  const user = await caller(null, { set: (tk) => (token = tk) }).auth.register({
    email: `${name}-${crypto.randomUUID()}@example.com`,
    password: 'correct horse battery staple',
    name,
  });
  return { id: user.id, api: caller(token) };
}

type Person = Awaited<ReturnType<typeof signUp>>;

/** The feed URL's path, fetched from the test server. */
async function fetchFeed(url: string, method = 'GET') {
  const path = new URL(url).pathname;
  return fetch(`${base}${path}`, { method });
}

interface ParsedEvent {
  uid: string;
  summary: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  location: string | null;
}

function parse(text: string): { name: unknown; refresh: unknown; events: ParsedEvent[] } {
  const calendar = ICAL.Component.fromString(text);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: component.hasProperty('dtend') ? event.endDate.toJSDate() : null,
      allDay: event.startDate.isDate,
      location: event.location ?? null,
    };
  });
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    refresh: calendar.getFirstProperty('refresh-interval')?.getFirstValue()?.toString(),
    events: events.sort((a, b) => a.uid.localeCompare(b.uid)),
  };
}

let ada: Person;
let bob: Person;
const ids: Record<string, string> = {};
const interviewAt = new Date(Date.now() + 3 * 24 * 3600_000);
interviewAt.setUTCSeconds(0, 0);
const deadline = new Date(Date.now() + 5 * 24 * 3600_000);
deadline.setUTCSeconds(0, 0);

beforeAll(async () => {
  t = await createTestDatabase();
  pursuit = createPursuitServer({
    app: t.app,
    owner: t.owner,
    origin: ORIGIN,
    documents: noDocumentServices,
  });
  await pursuit.ready;
  pursuit.server.listen(0, '127.0.0.1');
  await once(pursuit.server, 'listening');
  base = `http://127.0.0.1:${(pursuit.server.address() as AddressInfo).port}`;

  ada = await signUp('ada');
  bob = await signUp('bob');
  const app = await ada.api.application.create({
    companyName: 'Initech',
    roleTitle: 'Platform Engineer',
    jobDescription: DESCRIPTION,
    stage: 'interviewing',
    followUpOn: '2026-12-24',
  });
  ids.application = app.id;
  const interview = await ada.api.interview.create({
    applicationId: app.id,
    scheduledAt: interviewAt,
    durationMinutes: 45,
    kind: 'technical',
    locationOrLink: 'Room 4, 1 Infinite Loop',
  });
  ids.interview = interview.id;
  const defaulted = await ada.api.interview.create({
    applicationId: app.id,
    scheduledAt: new Date(interviewAt.getTime() + 24 * 3600_000),
  });
  ids.defaulted = defaulted.id;
  const [offer] = await t.owner.sql<{ id: string }[]>`
    insert into offers (application_id, user_id, currency, base_salary, response_deadline)
    values (${app.id}, ${ada.id}, 'EUR', 90000, ${deadline.toISOString()}::timestamptz) returning id`;
  ids.offer = offer!.id;

  const secret = await bob.api.application.create({
    companyName: 'Bobs Secret Co',
    roleTitle: 'Spy',
    jobDescription: DESCRIPTION,
    followUpOn: '2026-12-25',
  });
  await bob.api.interview.create({ applicationId: secret.id, scheduledAt: interviewAt });
});

afterAll(async () => {
  await pursuit?.close();
  await t?.close();
});

describe('GET /calendar/<token>.ics', () => {
  let url = '';

  it('serves interviews, follow-ups and offer deadlines as events a real ICS parser reads', async () => {
    const made = await ada.api.calendar.feedUrl();
    url = made.url!;
    expect(url.startsWith(`${ORIGIN}/calendar/`)).toBe(true);
    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(response.headers.get('set-cookie')).toBeNull();
    const feed = parse(await response.text());
    expect(feed.name).toBe('Pursuit');
    expect(feed.refresh).toBe('PT5M');
    expect(feed.events).toEqual(
      [
        {
          uid: `follow-up-${ids.application}@pursuit`,
          summary: 'Follow up: Initech — Platform Engineer',
          start: new Date('2026-12-24T00:00:00'),
          end: null,
          allDay: true,
          location: null,
        },
        {
          uid: `interview-${ids.interview}@pursuit`,
          summary: 'Technical interview: Initech — Platform Engineer',
          start: interviewAt,
          end: new Date(interviewAt.getTime() + 45 * 60_000),
          allDay: false,
          location: 'Room 4, 1 Infinite Loop',
        },
        {
          uid: `interview-${ids.defaulted}@pursuit`,
          summary: 'Interview: Initech — Platform Engineer',
          start: new Date(interviewAt.getTime() + 24 * 3600_000),
          end: new Date(interviewAt.getTime() + 25 * 3600_000),
          allDay: false,
          location: null,
        },
        {
          uid: `offer-deadline-${ids.offer}@pursuit`,
          summary: 'Offer deadline: Initech — Platform Engineer',
          start: deadline,
          end: deadline,
          allDay: false,
          location: null,
        },
      ].sort((a, b) => a.uid.localeCompare(b.uid)),
    );
  });

  it('keeps every UID across fetches, and a HEAD answers the same headers with no body', async () => {
    const first = parse(await (await fetchFeed(url)).text()).events.map((e) => e.uid);
    const second = parse(await (await fetchFeed(url)).text()).events.map((e) => e.uid);
    expect(second).toEqual(first);
    const head = await fetchFeed(url, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it("never carries another person's data", async () => {
    const text = await (await fetchFeed(url)).text();
    expect(text).not.toContain('Bobs Secret Co');
    const bobs = await bob.api.calendar.feedUrl();
    const bobFeed = parse(await (await fetchFeed(bobs.url!)).text());
    expect(bobFeed.events.map((e) => e.summary).join('\n')).not.toContain('Initech');
    expect(bobFeed.events).toHaveLength(2);
  });

  it('answers unknown, malformed and rotated tokens with the same 404', async () => {
    const rotated = await ada.api.calendar.rotate();
    const paths = [
      url,
      `${ORIGIN}/calendar/${'A'.repeat(43)}.ics`,
      `${ORIGIN}/calendar/nope.ics`,
      `${ORIGIN}/calendar/${encodeURIComponent("' or 1=1 --")}.ics`,
      `${ORIGIN}/calendar/`,
    ];
    const answers = await Promise.all(
      paths.map(async (p) => {
        const response = await fetchFeed(p);
        return `${response.status} ${response.headers.get('content-type')} ${await response.text()}`;
      }),
    );
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^404 /);
    expect((await fetchFeed(rotated.url)).status).toBe(200);
    url = rotated.url;
  });

  it('turned off, or on a disabled account, the URL is 404', async () => {
    const bobs = await bob.api.calendar.rotate();
    await t.owner.sql`update users set disabled_at = now() where id = ${bob.id}`;
    expect((await fetchFeed(bobs.url)).status).toBe(404);
    await ada.api.calendar.disable();
    expect((await fetchFeed(url)).status).toBe(404);
  });
});
