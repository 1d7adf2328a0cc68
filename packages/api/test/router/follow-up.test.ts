// The follow-up email through the real router, queue payload and generation
// task against the real database (issue 13): generated with no other document
// first, streamed into the document row, versioned and regenerated like the
// others, written from this application's own contacts, applied date and last
// interview, and leaving the phase flags alone. A stranger cannot start one;
// a viewer may not.
import { describe, expect, it } from 'vitest';
import {
  builtinGenerator,
  noDocumentServices,
  runGeneration,
  type DocumentServices,
  type GeneratePayload,
} from '../../src/server';
import { callerFor, failureOf, setUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';

const world = setUp('ada', 'vic', 'stan');

const DAY = 24 * 60 * 60 * 1000;

/** Document services whose queue records jobs; the test runs them as the worker would. */
function recordingServices() {
  const queued: GeneratePayload[] = [];
  const services: DocumentServices = {
    ...noDocumentServices,
    jobs: {
      enqueueGeneration: (payload) => {
        queued.push(payload);
        return Promise.resolve(payload.jobId);
      },
      cancel: () => Promise.resolve(),
    },
  };
  return { services, queued };
}

/**
 * Runs a job with the built-in generator handing its text out in pieces,
 * and watches the document row meanwhile: the drafts seen, in order.
 */
async function runWatching(person: Person, payload: GeneratePayload) {
  const drafts: string[] = [];
  let done = false;
  const watch = (async () => {
    while (!done) {
      const [row] = await world.t.owner.sql<{ draft: string | null }[]>`
        select draft from documents where id = ${payload.documentId}`;
      if (row?.draft && drafts.at(-1) !== row.draft) drafts.push(row.draft);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const outcome = await runGeneration(
    {
      db: world.t.app,
      generator: builtinGenerator({ wordsPerSecond: 400 }),
      retentionDays: 30,
      throttleMs: 0,
    },
    payload,
  );
  done = true;
  await watch;
  return { outcome, drafts };
}

async function profileFor(person: Person) {
  await person.api.profile.update({ firstName: 'Ada', lastName: 'Lovelace' });
  await person.api.skill.create({ name: 'Kafka' });
  await person.api.experience.create({
    company: 'Analytical Engines',
    title: 'Platform Engineer',
    startDate: '2019',
    isCurrent: true,
    achievements: ['Cut ingestion lag by moving the Kafka consumers to Postgres batch writes'],
    technologies: ['Kafka', 'Postgres'],
  });
}

/** An application moved to applied, its applied date set `daysAgo` days back (application.update). */
async function appliedApplication(person: Person, companyName: string, daysAgo: number) {
  const application = await createApplication(person, { companyName });
  const moved = await person.api.application.move({ id: application.id, stage: 'applied' });
  const appliedAt = new Date(Date.now() - daysAgo * DAY);
  await person.api.application.update({ id: application.id, version: moved.version, appliedAt });
  return { application, appliedAt };
}

function dayOf(date: Date) {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
    ...(date.getUTCFullYear() === new Date().getUTCFullYear() ? {} : { year: 'numeric' }),
  }).format(date);
}

describe('the follow-up email', () => {
  it('is generated with no other document, streamed, version 1; regenerated, version 2', async () => {
    await profileFor(world.ada);
    const { application, appliedAt } = await appliedApplication(world.ada, 'Initech', 30);
    const interviewAt = new Date(Date.now() - 10 * DAY);
    await world.ada.api.contact.create({
      applicationId: application.id,
      name: 'Priya Natarajan',
      role: 'Recruiter',
      email: 'priya@initech.example',
    });
    await world.ada.api.interview.create({
      applicationId: application.id,
      scheduledAt: interviewAt,
      kind: 'technical',
    });
    // Another application's contact and a later, future interview are not this email's.
    const other = await createApplication(world.ada, { companyName: 'Hooli' });
    await world.ada.api.contact.create({ applicationId: other.id, name: 'Gavin Belson' });
    await world.ada.api.interview.create({
      applicationId: application.id,
      scheduledAt: new Date(Date.now() + 3 * DAY),
      kind: 'final',
    });

    const { services, queued } = recordingServices();
    const api = callerFor(world.t, world.ada.token, services);
    const started = await api.document.generate({
      applicationId: application.id,
      type: 'follow_up_email',
    });
    expect(started.deduplicated).toBe(false);
    const { outcome, drafts } = await runWatching(world.ada, queued[0]!);
    expect(outcome).toBe('ready');
    // The text grew in the row as it was written.
    expect(drafts.length).toBeGreaterThan(2);
    for (let i = 1; i < drafts.length; i += 1) {
      expect(drafts[i]!.startsWith(drafts[i - 1]!)).toBe(true);
    }

    const view = await api.document.forApplication({ applicationId: application.id });
    const email = view.documents.find((d) => d.type === 'follow_up_email')!;
    expect(email).toMatchObject({ status: 'ready', currentVersion: 1, draft: null });
    expect(email.versions.map((v) => v.version)).toEqual([1]);
    const text = email.content!;
    expect(text).toContain('Subject: Following up on my application for Platform Engineer');
    expect(text).toContain('Dear Priya Natarajan,');
    expect(text).toContain(
      `the Platform Engineer role at Initech, which I submitted on ${dayOf(appliedAt)} (four weeks ago).`,
    );
    expect(text).toContain(`Thank you again for the technical interview on ${dayOf(interviewAt)}.`);
    expect(text).toContain('at Analytical Engines, as Platform Engineer');
    expect(text).toContain('Best regards,\nAda Lovelace');
    expect(text).not.toMatch(/Gavin|Hooli|final interview/);

    // The phase flags follow only the three phases.
    const [flags] = await world.t.owner.sql<
      { research_completed: boolean; resume_optimized: boolean; cover_letter_generated: boolean }[]
    >`select research_completed, resume_optimized, cover_letter_generated
        from applications where id = ${application.id}`;
    expect(flags).toEqual({
      research_completed: false,
      resume_optimized: false,
      cover_letter_generated: false,
    });

    const again = await api.document.generate({
      applicationId: application.id,
      type: 'follow_up_email',
    });
    expect(again.documentId).toBe(started.documentId);
    expect((await runWatching(world.ada, queued[1]!)).outcome).toBe('ready');
    const after = await api.document.forApplication({ applicationId: application.id });
    const regenerated = after.documents.find((d) => d.type === 'follow_up_email')!;
    expect(regenerated.currentVersion).toBe(2);
    expect(regenerated.versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await api.document.version({ documentId: email.id, version: 1 })).content).toBe(text);
  });

  it('without a contact or a date, writes to the company’s hiring team', async () => {
    const application = await createApplication(world.ada, { companyName: 'Umbrella' });
    const { services, queued } = recordingServices();
    const api = callerFor(world.t, world.ada.token, services);
    await api.document.generate({ applicationId: application.id, type: 'follow_up_email' });
    expect((await runWatching(world.ada, queued[0]!)).outcome).toBe('ready');
    const view = await api.document.forApplication({ applicationId: application.id });
    const text = view.documents.find((d) => d.type === 'follow_up_email')!.content!;
    expect(text).toContain('Dear Umbrella hiring team,');
    expect(text).toContain(
      'I am writing to follow up on my application for the Platform Engineer role at Umbrella.',
    );
    expect(text).not.toContain('interview on');
  });

  it('a stranger cannot start one on another person’s application; a viewer may not', async () => {
    const application = await createApplication(world.ada, { companyName: 'Vandelay' });
    await shareWith(world.ada, world.vic, 'viewer');
    const { services, queued } = recordingServices();
    const stranger = await failureOf(
      callerFor(world.t, world.stan.token, services).document.generate({
        applicationId: application.id,
        type: 'follow_up_email',
      }),
    );
    expect(stranger.code).toBe('NOT_FOUND');
    const viewer = await failureOf(
      callerFor(world.t, world.vic.token, services).document.generate({
        applicationId: application.id,
        type: 'follow_up_email',
      }),
    );
    expect(viewer.code).toBe('FORBIDDEN');
    expect(queued).toEqual([]);
  });
});
