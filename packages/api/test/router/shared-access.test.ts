// A shared search through the real router and database (issue 12): what the
// owner, a viewer, a commenter, an editor, a grantee whose share was revoked
// and a stranger may each do with the owner's board, cards, interviews,
// contacts, documents and profile. No grant reads as NOT_FOUND; a grant too
// small for the act is FORBIDDEN with a sentence saying what the person can do.
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  commentReads,
  comments,
  documentVersions,
  matchResults,
  shareInvitations,
  shares,
  withUser,
  type ShareRole,
} from '@pursuit/db';
import { toTRPCError } from '../../src/errors';
import {
  builtinGenerator,
  noDocumentServices,
  runGeneration,
  type Candidate,
  type DocumentServices,
  type GeneratePayload,
  type TextGenerator,
} from '../../src/server';
import {
  callerFor,
  failureOf,
  RESUME_TEXT,
  setUp,
  type Caller,
  type Person,
} from '../support/accounts';
import { createApplication } from '../support/applications';

// Display names are the labels: messages read "sam’s search".
const world = setUp('sam', 'vera', 'cole', 'eddie', 'rex', 'stan');
const owner = () => world.sam;
const viewer = () => world.vera;
const commenter = () => world.cole;
const editor = () => world.eddie;
const revoked = () => world.rex;
const stranger = () => world.stan;

function as<T>(person: Person, work: Parameters<typeof withUser<T>>[2]) {
  return withUser(world.t.app, person.id, work);
}

/** The owner invites, the grantee accepts: the share as the database makes it. */
async function share(from: Person, to: Person, role: ShareRole): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token).digest('hex');
  await as(from, (tx) => tx.insert(shareInvitations).values({ ownerId: from.id, role, tokenHash }));
  const [accepted] = await as(to, (tx) =>
    tx.execute<{ share_id: string }>(sql`select * from pursuit.accept_invitation(${tokenHash})`),
  );
  return accepted!.share_id;
}

function revoke(from: Person, shareId: string) {
  return as(from, (tx) =>
    tx
      .update(shares)
      .set({ revokedAt: sql`now()` })
      .where(eq(shares.id, shareId)),
  );
}

/** Document services whose queue records jobs instead of running them. */
function recordingServices(monthlyLimit: number | null) {
  const queued: GeneratePayload[] = [];
  const services: DocumentServices = {
    ...noDocumentServices,
    monthlyLimit,
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

/** The built-in generator, noting the candidate each job was given. */
function recordingGenerator() {
  const candidates: Candidate[] = [];
  const inner = builtinGenerator();
  const generator: TextGenerator = {
    ...inner,
    generate(type, candidate, posting, signal) {
      candidates.push(candidate);
      return inner.generate(type, candidate, posting, signal);
    },
  };
  return { generator, candidates };
}

/** Runs a queued job as the worker does (the payload says as whom). */
function work(payload: GeneratePayload, generator: TextGenerator = builtinGenerator()) {
  return runGeneration({ db: world.t.app, generator, retentionDays: 30, throttleMs: 0 }, payload);
}

const grantees = () =>
  [
    ['viewer', viewer()],
    ['commenter', commenter()],
    ['editor', editor()],
  ] as const;
const outsiders = () =>
  [
    ['revoked grantee', revoked()],
    ['stranger', stranger()],
  ] as const;

beforeAll(async () => {
  await share(owner(), viewer(), 'viewer');
  await share(owner(), commenter(), 'commenter');
  await share(owner(), editor(), 'editor');
  await revoke(owner(), await share(owner(), revoked(), 'editor'));
  await owner().api.profile.update({ firstName: 'Samantha', headline: 'Platform lead' });
});

describe('the board of a shared search', () => {
  it('each grantee lists the owner’s cards with their role; the revoked and strangers get NOT_FOUND', async () => {
    const card = await createApplication(owner(), { roleTitle: 'Board card' });
    const own = await owner().api.application.list({});
    expect(own.access).toEqual({ ownerId: owner().id, role: 'owner' });
    expect(own.cards.map((c) => c.id)).toContain(card.id);
    for (const [role, person] of grantees()) {
      const board = await person.api.application.list({ ownerId: owner().id });
      expect(board.access).toEqual({ ownerId: owner().id, role });
      expect(board.cards.map((c) => c.id)).toContain(card.id);
      expect(board.cards.every((c) => c.userId === owner().id)).toBe(true);
    }
    for (const [, person] of outsiders()) {
      const failure = await failureOf(person.api.application.list({ ownerId: owner().id }));
      expect(failure.code).toBe('NOT_FOUND');
    }
  });

  it('a grantee’s own board never shows the owner’s cards', async () => {
    await createApplication(owner(), { roleTitle: 'Owner’s only' });
    const mine = await createApplication(editor(), { roleTitle: 'Eddie’s own' });
    for (const [, person] of grantees()) {
      const board = await person.api.application.list({});
      expect(board.access).toEqual({ ownerId: person.id, role: 'owner' });
      expect(board.cards.every((c) => c.userId === person.id)).toBe(true);
    }
    const eddies = await editor().api.application.list({ search: 'Eddie' });
    expect(eddies.cards.map((c) => c.id)).toEqual([mine.id]);
    // And the owner's board is only the owner's, whatever is shared with them.
    const board = await owner().api.application.list({});
    expect(board.cards.map((c) => c.id)).not.toContain(mine.id);
  });

  it('byId says whose search it is and the caller’s role; outsiders get NOT_FOUND', async () => {
    const card = await createApplication(owner());
    expect((await owner().api.application.byId({ id: card.id })).access).toEqual({
      ownerId: owner().id,
      role: 'owner',
    });
    for (const [role, person] of grantees()) {
      const detail = await person.api.application.byId({ id: card.id });
      expect(detail.access).toEqual({ ownerId: owner().id, role });
    }
    for (const [, person] of outsiders()) {
      expect((await failureOf(person.api.application.byId({ id: card.id }))).code).toBe(
        'NOT_FOUND',
      );
    }
  });

  it('a private application is NOT_FOUND to every grantee and absent from their list', async () => {
    const card = await createApplication(owner(), { roleTitle: 'Secret move' });
    const made = await owner().api.application.update({
      id: card.id,
      version: card.version,
      private: true,
    });
    expect(made.private).toBe(true);
    const own = await owner().api.application.list({});
    expect(own.cards.find((c) => c.id === card.id)?.private).toBe(true);
    for (const [, person] of grantees()) {
      const board = await person.api.application.list({ ownerId: owner().id });
      expect(board.cards.map((c) => c.id)).not.toContain(card.id);
      expect(board.cards.every((c) => !c.private)).toBe(true);
      for (const call of [
        () => person.api.application.byId({ id: card.id }),
        () => person.api.application.update({ id: card.id, version: made.version, notes: 'x' }),
        () => person.api.application.move({ id: card.id, stage: 'applied' }),
        () => person.api.interview.create({ applicationId: card.id, scheduledAt: new Date() }),
        () => person.api.document.forApplication({ applicationId: card.id }),
      ]) {
        expect((await failureOf(call())).code).toBe('NOT_FOUND');
      }
    }
  });

  it('only the owner makes an application private or shared again', async () => {
    const card = await createApplication(owner());
    const failure = await failureOf(
      editor().api.application.update({ id: card.id, version: card.version, private: true }),
    );
    expect(failure).toMatchObject({
      code: 'FORBIDDEN',
      message:
        'You can view and change sam’s search, but only sam can make an application private or shared.',
    });
    const shown = await owner().api.application.update({
      id: card.id,
      version: card.version,
      private: true,
    });
    const back = await owner().api.application.update({
      id: card.id,
      version: shown.version,
      private: false,
    });
    expect(back.private).toBe(false);
    expect((await viewer().api.application.byId({ id: card.id })).id).toBe(card.id);
  });

  it('an editor changes, moves and archives a card; the move lands last in the owner’s column', async () => {
    await createApplication(owner(), { stage: 'offer' });
    const card = await createApplication(owner());
    const updated = await editor().api.application.update({
      id: card.id,
      version: card.version,
      notes: 'Edited by Eddie',
    });
    expect(updated).toMatchObject({ notes: 'Edited by Eddie', userId: owner().id });
    const moved = await editor().api.application.move({ id: card.id, stage: 'offer' });
    const column = (await owner().api.application.list({ stage: 'offer' })).cards;
    expect(column.at(-1)!.id).toBe(card.id);
    expect(moved.stage).toBe('offer');
    const detail = await owner().api.application.byId({ id: card.id });
    expect(detail.history.at(-1)).toMatchObject({ toStage: 'offer', actorId: editor().id });
    expect((await editor().api.application.archive({ id: card.id })).archivedAt).toBeInstanceOf(
      Date,
    );
    expect((await editor().api.application.unarchive({ id: card.id })).archivedAt).toBeNull();
  });

  it('a viewer and a commenter may not change, move or archive a card: FORBIDDEN saying what they can do', async () => {
    const card = await createApplication(owner());
    const messages = {
      viewer: 'You can view sam’s search but not change it.',
      commenter: 'You can view and comment on sam’s search but not change it.',
    };
    for (const [role, person] of [
      ['viewer', viewer()],
      ['commenter', commenter()],
    ] as const) {
      for (const call of [
        () => person.api.application.update({ id: card.id, version: card.version, notes: 'x' }),
        () => person.api.application.move({ id: card.id, stage: 'applied' }),
        () => person.api.application.archive({ id: card.id }),
      ]) {
        expect(await failureOf(call())).toMatchObject({
          code: 'FORBIDDEN',
          message: messages[role],
        });
      }
    }
    expect(await failureOf(viewer().api.application.delete({ id: card.id }))).toMatchObject({
      code: 'FORBIDDEN',
      message: messages.viewer,
    });
    expect(await failureOf(commenter().api.application.delete({ id: card.id }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can view and comment on sam’s search, but only sam can delete an application.',
    });
    const after = await owner().api.application.byId({ id: card.id });
    expect(after).toMatchObject({ version: card.version, stage: 'interested', archivedAt: null });
  });

  it('only the owner deletes an application; outsiders get NOT_FOUND', async () => {
    const card = await createApplication(owner());
    expect(await failureOf(editor().api.application.delete({ id: card.id }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can view and change sam’s search, but only sam can delete an application.',
    });
    for (const [, person] of outsiders()) {
      expect((await failureOf(person.api.application.delete({ id: card.id }))).code).toBe(
        'NOT_FOUND',
      );
    }
    expect(await owner().api.application.delete({ id: card.id })).toEqual({ id: card.id });
  });

  it('a card counts the comments the caller has not read, not their own nor deleted ones', async () => {
    const card = await createApplication(owner());
    const comment = (author: Person, body: string) =>
      as(author, (tx) =>
        tx
          .insert(comments)
          .values({ ownerId: owner().id, applicationId: card.id, authorId: author.id, body })
          .returning({ id: comments.id }),
      );
    await comment(commenter(), 'Looks promising');
    const [gone] = await comment(commenter(), 'Typo, ignore');
    await as(commenter(), (tx) =>
      tx
        .update(comments)
        .set({ deletedAt: sql`now()` })
        .where(eq(comments.id, gone!.id)),
    );
    await comment(owner(), 'Agreed');
    const unread = async (person: Person) =>
      (await person.api.application.list({ ownerId: owner().id })).cards.find(
        (c) => c.id === card.id,
      )!.unreadComments;
    expect(await unread(owner())).toBe(1);
    expect(await unread(commenter())).toBe(1);
    expect(await unread(viewer())).toBe(2);
    await as(owner(), (tx) =>
      tx.insert(commentReads).values({
        userId: owner().id,
        applicationId: card.id,
        ownerId: owner().id,
        readAt: sql`now()`,
      }),
    );
    expect(await unread(owner())).toBe(0);
    expect(await unread(viewer())).toBe(2);
  });

  it('a trigger’s refusal (SQLSTATE 42501) reaches the person as FORBIDDEN with its sentence', async () => {
    const card = await createApplication(owner());
    const error: unknown = await as(editor(), (tx) =>
      tx.execute(sql`update applications set private = true where id = ${card.id}`),
    ).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(toTRPCError(error)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the owner of an application makes it private.',
    });
  });
});

describe('interviews and contacts of a shared search', () => {
  it('an editor adds and changes them under the owner; only the owner removes them', async () => {
    const card = await createApplication(owner());
    const interview = await editor().api.interview.create({
      applicationId: card.id,
      scheduledAt: new Date('2026-12-03T09:00:00Z'),
      kind: 'technical',
    });
    expect(interview.userId).toBe(owner().id);
    const contact = await editor().api.contact.create({ applicationId: card.id, name: 'Rita' });
    expect(contact.userId).toBe(owner().id);
    expect(
      (await editor().api.interview.update({ id: interview.id, outcome: 'passed' })).outcome,
    ).toBe('passed');
    expect((await editor().api.contact.update({ id: contact.id, role: 'Recruiter' })).role).toBe(
      'Recruiter',
    );
    for (const call of [
      () => editor().api.interview.delete({ id: interview.id }),
      () => editor().api.contact.delete({ id: contact.id }),
    ]) {
      expect(await failureOf(call())).toMatchObject({
        code: 'FORBIDDEN',
        message: 'You can view and change sam’s search, but only sam can delete this.',
      });
    }
    const detail = await viewer().api.application.byId({ id: card.id });
    expect(detail.interviews.map((i) => i.id)).toEqual([interview.id]);
    expect(detail.contacts.map((c) => c.id)).toEqual([contact.id]);
    expect(await owner().api.interview.delete({ id: interview.id })).toEqual({ id: interview.id });
    expect(await owner().api.contact.delete({ id: contact.id })).toEqual({ id: contact.id });
  });

  it('a viewer or commenter may not add, change or remove them; outsiders get NOT_FOUND', async () => {
    const card = await createApplication(owner());
    const interview = await owner().api.interview.create({
      applicationId: card.id,
      scheduledAt: new Date('2026-12-04T09:00:00Z'),
    });
    const contact = await owner().api.contact.create({ applicationId: card.id, name: 'Ivo' });
    const attempts = (person: Person) => [
      () => person.api.interview.create({ applicationId: card.id, scheduledAt: new Date() }),
      () => person.api.interview.update({ id: interview.id, notes: 'x' }),
      () => person.api.interview.delete({ id: interview.id }),
      () => person.api.contact.create({ applicationId: card.id, name: 'Mallory' }),
      () => person.api.contact.update({ id: contact.id, notes: 'x' }),
      () => person.api.contact.delete({ id: contact.id }),
    ];
    for (const person of [viewer(), commenter()]) {
      for (const call of attempts(person)) {
        expect((await failureOf(call())).code).toBe('FORBIDDEN');
      }
    }
    for (const [, person] of outsiders()) {
      for (const call of attempts(person)) {
        expect((await failureOf(call())).code).toBe('NOT_FOUND');
      }
    }
    const detail = await owner().api.application.byId({ id: card.id });
    expect(detail.interviews[0]).toMatchObject({ id: interview.id, notes: null });
    expect(detail.contacts.map((c) => c.name)).toEqual(['Ivo']);
  });
});

describe('documents of a shared search', () => {
  it('everyone who may read sees the documents and their versions; outsiders get NOT_FOUND', async () => {
    const card = await createApplication(owner());
    const { services, queued } = recordingServices(null);
    await callerFor(world.t, owner().token, services).document.generate({
      applicationId: card.id,
      type: 'research_report',
    });
    expect(await work(queued[0]!)).toBe('ready');
    for (const [, person] of grantees()) {
      const { documents } = await person.api.document.forApplication({ applicationId: card.id });
      expect(documents).toHaveLength(1);
      expect(documents[0]!.content).toBeTruthy();
      const version = await person.api.document.version({
        documentId: documents[0]!.id,
        version: 1,
      });
      expect(version.content).toBe(documents[0]!.content);
    }
    for (const [, person] of outsiders()) {
      expect(
        (await failureOf(person.api.document.forApplication({ applicationId: card.id }))).code,
      ).toBe('NOT_FOUND');
    }
  });

  it('an editor’s generation runs as the owner, on the owner’s profile and quota', async () => {
    const card = await createApplication(owner());
    const before = (await owner().api.document.settings()).quota.used;
    const editorBefore = (await editor().api.document.settings()).quota.used;
    const { services, queued } = recordingServices(before + 1);
    const started = await callerFor(world.t, editor().token, services).document.generate({
      applicationId: card.id,
      type: 'research_report',
    });
    expect(queued).toEqual([
      { documentId: started.documentId, userId: owner().id, jobId: started.jobId },
    ]);
    expect((await owner().api.document.settings()).quota.used).toBe(before + 1);
    expect((await editor().api.document.settings()).quota.used).toBe(editorBefore);

    const { generator, candidates } = recordingGenerator();
    expect(await work(queued[0]!, generator)).toBe('ready');
    expect(candidates[0]).toMatchObject({ firstName: 'Samantha', headline: 'Platform lead' });
    const [version] = await as(owner(), (tx) =>
      tx
        .select({ userId: documentVersions.userId })
        .from(documentVersions)
        .where(eq(documentVersions.documentId, started.documentId)),
    );
    expect(version!.userId).toBe(owner().id);
    const matches = await as(owner(), (tx) =>
      tx.select().from(matchResults).where(eq(matchResults.applicationId, card.id)),
    );
    expect(matches.map((m) => m.userId)).toEqual([owner().id]);

    // The owner's quota is now used up, for the owner and the editor alike.
    const other = await createApplication(owner());
    for (const person of [owner(), editor()]) {
      const failure = await failureOf(
        callerFor(world.t, person.token, services).document.generate({
          applicationId: other.id,
          type: 'research_report',
        }),
      );
      expect(failure.code).toBe('TOO_MANY_REQUESTS');
    }
  });

  it('an editor edits and restores a document and analyses the match; a viewer or commenter may not', async () => {
    const card = await createApplication(owner());
    const { services, queued } = recordingServices(null);
    const { documentId } = await callerFor(world.t, owner().token, services).document.generate({
      applicationId: card.id,
      type: 'research_report',
    });
    await work(queued[0]!);
    const edited = await editor().api.document.edit({ documentId, content: 'Eddie’s notes.' });
    expect(edited).toMatchObject({ currentVersion: 2, userId: owner().id });
    expect((await editor().api.document.restore({ documentId, version: 1 })).currentVersion).toBe(
      3,
    );
    const match = await editor().api.document.analyzeMatch({ applicationId: card.id });
    expect(match.userId).toBe(owner().id);
    for (const person of [viewer(), commenter()]) {
      const generating = callerFor(world.t, person.token, services);
      for (const call of [
        () => generating.document.generate({ applicationId: card.id, type: 'research_report' }),
        () => person.api.document.edit({ documentId, content: 'Not mine to write.' }),
        () => person.api.document.restore({ documentId, version: 1 }),
        () => person.api.document.analyzeMatch({ applicationId: card.id }),
        () => generating.document.cancel({ documentId }),
      ]) {
        expect((await failureOf(call())).code).toBe('FORBIDDEN');
      }
    }
    for (const [, person] of outsiders()) {
      expect((await failureOf(person.api.document.edit({ documentId, content: 'x' }))).code).toBe(
        'NOT_FOUND',
      );
    }
  });
});

describe('the profile of a shared search', () => {
  let skillId: string;
  let experienceId: string;
  let resumeId: string;

  beforeAll(async () => {
    const api: Caller = owner().api;
    skillId = (await api.skill.create({ name: 'Kafka' })).id;
    experienceId = (await api.experience.create({ company: 'Initech', title: 'Engineer' })).id;
    await api.education.create({ institution: 'Open University' });
    await api.certification.create({ name: 'CKA' });
    await api.project.create({ name: 'raft-lab' });
    resumeId = (await api.resume.create({ name: 'Base', content: RESUME_TEXT })).id;
  });

  it('every grantee reads the owner’s profile and lists with ownerId; outsiders get NOT_FOUND', async () => {
    for (const [, person] of grantees()) {
      const ownerId = owner().id;
      expect(await person.api.profile.get({ ownerId })).toMatchObject({
        userId: ownerId,
        firstName: 'Samantha',
      });
      expect((await person.api.skill.list({ ownerId })).map((s) => s.name)).toEqual(['Kafka']);
      expect((await person.api.experience.list({ ownerId })).map((e) => e.company)).toEqual([
        'Initech',
      ]);
      expect((await person.api.education.list({ ownerId })).map((e) => e.institution)).toEqual([
        'Open University',
      ]);
      expect((await person.api.certification.list({ ownerId })).map((c) => c.name)).toEqual([
        'CKA',
      ]);
      expect((await person.api.project.list({ ownerId })).map((p) => p.name)).toEqual(['raft-lab']);
      expect((await person.api.resume.list({ ownerId })).map((r) => r.id)).toEqual([resumeId]);
      expect((await person.api.resume.byId({ id: resumeId })).content).toBe(RESUME_TEXT);
    }
    for (const [, person] of outsiders()) {
      const ownerId = owner().id;
      for (const call of [
        () => person.api.profile.get({ ownerId }),
        () => person.api.skill.list({ ownerId }),
        () => person.api.experience.list({ ownerId }),
        () => person.api.resume.list({ ownerId }),
        () => person.api.resume.byId({ id: resumeId }),
      ]) {
        expect((await failureOf(call())).code).toBe('NOT_FOUND');
      }
    }
  });

  it('a grantee’s own profile lists stay their own', async () => {
    const me = editor();
    expect((await me.api.profile.get()).userId).toBe(me.id);
    expect(await me.api.skill.list()).toEqual([]);
    expect(await me.api.experience.list({})).toEqual([]);
    expect(await me.api.resume.list()).toEqual([]);
  });

  it('the profile is the owner’s to change: even an editor gets FORBIDDEN, an outsider NOT_FOUND', async () => {
    const message = 'You can view and change sam’s search, but only sam can change this.';
    expect(await failureOf(editor().api.skill.update({ id: skillId, years: 9 }))).toMatchObject({
      code: 'FORBIDDEN',
      message,
    });
    expect(await failureOf(editor().api.skill.delete({ id: skillId }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can view and change sam’s search, but only sam can delete this.',
    });
    expect(
      await failureOf(editor().api.experience.update({ id: experienceId, title: 'CTO' })),
    ).toMatchObject({ code: 'FORBIDDEN', message });
    expect((await failureOf(editor().api.experience.reorder({ ids: [experienceId] }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      await failureOf(viewer().api.resume.update({ id: resumeId, name: 'Mine now' })),
    ).toMatchObject({ code: 'FORBIDDEN', message: 'You can view sam’s search but not change it.' });
    for (const call of [
      () => editor().api.resume.setPrimary({ id: resumeId }),
      () => editor().api.resume.delete({ id: resumeId }),
    ]) {
      expect((await failureOf(call())).code).toBe('FORBIDDEN');
    }
    for (const [, person] of outsiders()) {
      for (const call of [
        () => person.api.skill.update({ id: skillId, years: 9 }),
        () => person.api.skill.delete({ id: skillId }),
        () => person.api.resume.update({ id: resumeId, name: 'x' }),
      ]) {
        expect((await failureOf(call())).code).toBe('NOT_FOUND');
      }
    }
    expect((await owner().api.skill.list()).map((s) => s.years)).toEqual([null]);
    expect((await owner().api.resume.byId({ id: resumeId })).name).toBe('Base');
  });
});
