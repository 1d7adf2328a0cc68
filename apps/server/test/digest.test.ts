// The daily email digest against a real SMTP server (smtp-server, started
// here) and the real job queue: each person with the digest on and something
// due gets one mail listing it; nothing due, no mail; opted out, no mail;
// HTML escaped. Without SMTP_URL the task is not scheduled at all.
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
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigest, DIGEST_TASK, digestJobs, sendDigests } from '../src/digest';
import { startDocuments } from '../src/documents';
import type { Jobs } from '../src/jobs';

const ORIGIN = 'http://pursuit.test';
const FROM = 'pursuit@pursuit.test';
const DESCRIPTION =
  'Own the ingestion pipeline end to end: Kafka consumers, Postgres schemas and a zygomorphic cache layer.';
const createCaller = createCallerFactory(appRouter);

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl: string;
let inbox: Received[] = [];
let jobs: Jobs | undefined;

function caller(token: string | null, cookies?: { set(token: string): void }) {
  return createCaller(
    createContextInner({
      db: t.app,
      feed: noLiveFeed,
      documents: noDocumentServices,
      sessionToken: token,
      cookies: cookies ? { set: (tk) => cookies.set(tk), clear() {} } : undefined,
    }),
  );
}

async function signUp(name: string) {
  let token = '';
  const email = `${name.replace(/\W/g, '')}-${crypto.randomUUID()}@example.com`;
  const user = await caller(null, { set: (tk) => (token = tk) }).auth.register({
    email,
    password: 'correct horse battery staple',
    name,
  });
  return { id: user.id, email, api: caller(token) };
}

/** The message body as a person reads it: quoted-printable undone. */
function decoded(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

const today = new Date().toISOString().slice(0, 10);
let ada: Awaited<ReturnType<typeof signUp>>;
let bob: Awaited<ReturnType<typeof signUp>>;
let carol: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  // Ada has a follow-up due and an interview tomorrow; her company name would break naive HTML.
  ada = await signUp('Ada <Lovelace>');
  const app = await ada.api.application.create({
    companyName: 'Initech & <b>Sons</b>',
    roleTitle: 'Platform Engineer',
    jobDescription: DESCRIPTION,
    stage: 'interviewing',
    followUpOn: today,
  });
  await ada.api.interview.create({
    applicationId: app.id,
    scheduledAt: new Date(Date.now() + 20 * 3600_000),
    kind: 'technical',
  });
  // Bob has nothing due; Carol has something due but turned the digest off.
  bob = await signUp('Bob');
  await bob.api.application.create({
    companyName: 'Later Co',
    roleTitle: 'Engineer',
    jobDescription: DESCRIPTION,
    followUpOn: '2099-01-01',
  });
  carol = await signUp('Carol');
  await carol.api.application.create({
    companyName: 'Quiet Co',
    roleTitle: 'Engineer',
    jobDescription: DESCRIPTION,
    followUpOn: today,
  });
  await carol.api.account.setEmailDigest({ enabled: false });
});

afterAll(async () => {
  await jobs?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await t?.close();
});

const options = () => ({
  owner: t.owner,
  app: t.app,
  smtpUrl,
  from: FROM,
  origin: ORIGIN,
  ghostedAfterDays: 21,
  log: () => {},
});

describe('the daily digest', () => {
  it('mails the one person with something due and the digest on, listing what is due', async () => {
    inbox = [];
    expect(await sendDigests(options())).toBe(1);
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail!.to).toEqual([ada.email]);
    expect(mail!.from).toBe(FROM);
    const body = decoded(mail!.raw);
    expect(body).toMatch(/^Subject: Pursuit: 2 things due today/m);
    expect(body).toContain('text/plain');
    expect(body).toContain('text/html');
    expect(body).toContain('Follow up with Initech & <b>Sons</b>');
    expect(body).toContain('Technical interview at Initech & <b>Sons</b>');
    expect(body).toContain('Follow up with Initech &amp; &lt;b&gt;Sons&lt;/b&gt;');
    expect(body).toContain('Hello Ada &lt;Lovelace&gt;,');
    expect(body).not.toContain('Quiet Co');
    expect(body).not.toContain('Later Co');
    expect(body).toContain(`${ORIGIN}/settings`);
  });

  it('respects an opt-out turned on again: Carol gets hers once she opts back in', async () => {
    await carol.api.account.setEmailDigest({ enabled: true });
    inbox = [];
    expect(await sendDigests(options())).toBe(2);
    expect(inbox.map((m) => m.to[0]).sort()).toEqual([ada.email, carol.email].sort());
    await carol.api.account.setEmailDigest({ enabled: false });
  });

  it('runs as a graphile-worker task on the real queue when SMTP_URL is set', async () => {
    inbox = [];
    const started = await startDocuments(
      {
        retentionDays: 30,
        monthlyLimit: null,
        openai: null,
        builtinWordsPerSecond: 0,
        worker: true,
      },
      { app: t.app, owner: t.owner, ownerUrl: t.ownerUrl },
      () => {},
      true,
      undefined,
      { smtpUrl, from: FROM, origin: ORIGIN, ghostedAfterDays: 21 },
    );
    jobs = started.jobs;
    await t.owner.sql`select graphile_worker.add_job(${DIGEST_TASK})`;
    const deadline = Date.now() + 15_000;
    while (inbox.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(inbox.map((m) => m.to[0])).toEqual([ada.email]);
  });

  it('without SMTP_URL there is no schedule and no task: nothing to send, nothing to break', () => {
    expect(digestJobs(null)).toEqual({ schedule: [], tasks: {} });
    const on = digestJobs(options());
    expect(on.schedule.map((item) => item.identifier)).toEqual([DIGEST_TASK]);
    expect(Object.keys(on.tasks)).toEqual([DIGEST_TASK]);
  });

  it('composes plain text and escaped HTML from the items', () => {
    const mail = composeDigest(
      'A & B',
      [
        {
          key: 'quiet:1',
          kind: 'quiet',
          applicationId: '1',
          companyName: '"Q"',
          roleTitle: 'R',
          dueAt: new Date(),
          title: 'No reply from "Q" in 30 days',
          detail: 'R · follow up, or mark it ghosted',
        },
      ],
      ORIGIN,
    );
    expect(mail.subject).toBe('Pursuit: 1 thing due today');
    expect(mail.text).toContain('GONE QUIET\n- No reply from "Q" in 30 days');
    expect(mail.html).toContain('No reply from &quot;Q&quot; in 30 days');
    expect(mail.html).toContain('Hello A &amp; B,');
  });
});
