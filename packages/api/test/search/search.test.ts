// search.query and application.similarByMeaning through the real router and
// database: what a person finds in their own search, by words and by
// meaning, what they never find in another's, and snippets safe to render.
import { describe, expect, it } from 'vitest';
import { builtinEmbedder } from '../../src/search/embedder';
import { embedSubject, staleSubjects } from '../../src/search/embed-job';
import { failureOf, setUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';
import { DATA_ENGINEER_A, DATA_ENGINEER_B, FRONTEND_ENGINEER, PASTRY_CHEF } from './postings';

const world = setUp('ada', 'bob', 'coach');

async function embedAll(person: Person) {
  const stale = await staleSubjects(world.t.owner, builtinEmbedder.model);
  for (const payload of stale.filter((p) => p.userId === person.id)) {
    await embedSubject(world.t.app, builtinEmbedder, payload);
  }
}

const hits = (result: { snippet: { text: string; hit: boolean }[] }) =>
  result.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase());

describe('search by words', () => {
  it('finds an application by a word in its notes, with the word marked in the snippet', async () => {
    const app = await createApplication(world.ada, {
      companyName: 'Initech',
      notes: 'Recruiter mentioned the quokka migration project.',
    });
    await createApplication(world.ada, { companyName: 'Hooli' });
    const answer = await world.ada.api.search.query({ q: 'quokka' });
    expect(answer.mode).toBe('words');
    expect(answer.results[0]).toMatchObject({
      kind: 'application',
      id: app.id,
      applicationId: app.id,
      title: 'Platform Engineer at Initech',
    });
    expect(hits(answer.results[0]!)).toContain('quokka');
    expect(answer.results).toHaveLength(1);
  });

  it('matches words by prefix as the person types', async () => {
    const app = await createApplication(world.ada, {
      companyName: 'Vandelay',
      notes: 'Ask about the xylophonist team.',
    });
    const answer = await world.ada.api.search.query({ q: 'xyloph' });
    expect(answer.results.map((r) => r.id)).toContain(app.id);
  });

  it('finds a company by its name typed with a typo', async () => {
    const app = await createApplication(world.ada, { companyName: 'Massive Dynamic' });
    const answer = await world.ada.api.search.query({ q: 'Masive Dynamc' });
    expect(answer.results[0]?.id).toBe(app.id);
  });

  it('finds contacts by name (typo too) and email, interviews, comments and résumés', async () => {
    const app = await createApplication(world.ada, { companyName: 'Wayne Enterprises' });
    const contact = await world.ada.api.contact.create({
      applicationId: app.id,
      name: 'Lucius Fox',
      email: 'lfox@wayne.example',
      role: 'Hiring manager',
    });
    const interview = await world.ada.api.interview.create({
      applicationId: app.id,
      scheduledAt: new Date('2026-12-03T10:00:00Z'),
      kind: 'technical',
      notes: 'Whiteboard a trebuchet simulator.',
    });
    const comment = await world.ada.api.comment.create({
      applicationId: app.id,
      body: 'Their gazebo office looks great.',
    });
    const resume = await world.ada.api.resume.create({
      name: 'Base',
      content: `# Ada\n\nBuilt a zeppelin telemetry platform in Rust and Postgres. ${'More experience follows here. '.repeat(5)}`,
    });
    const find = async (q: string) => (await world.ada.api.search.query({ q })).results;
    expect((await find('Lucius Foks'))[0]).toMatchObject({ kind: 'contact', id: contact.id });
    expect((await find('lfox'))[0]).toMatchObject({ kind: 'contact', applicationId: app.id });
    expect((await find('trebuchet'))[0]).toMatchObject({
      kind: 'interview',
      id: interview.id,
      applicationId: app.id,
    });
    expect((await find('gazebo'))[0]).toMatchObject({ kind: 'comment', id: comment.id });
    expect((await find('zeppelin'))[0]).toMatchObject({
      kind: 'resume',
      id: resume.id,
      applicationId: null,
    });
  });

  it('returns markup in the text as plain text and lets no text forge a mark', async () => {
    await createApplication(world.ada, {
      companyName: 'Evil Corp',
      notes: 'Flamingo <img src=x onerror=alert(1)> \uE000forged\uE001 text',
    });
    const [result] = (await world.ada.api.search.query({ q: 'flamingo' })).results;
    const text = result!.snippet.map((p) => p.text).join('');
    expect(hits(result!)).toEqual(['flamingo']);
    expect(text).not.toMatch(/[\uE000\uE001]/);
    expect(text).toContain('forged');
  });

  it('finds nothing for an empty query, and nothing of another person’s', async () => {
    await createApplication(world.ada, { companyName: 'Umbrella', notes: 'platypus' });
    expect((await world.ada.api.search.query({ q: '  ,; ' })).results).toEqual([]);
    expect((await world.bob.api.search.query({ q: 'platypus' })).results).toEqual([]);
  });

  it('a person cannot search another person’s search by naming it, unless it is shared', async () => {
    await createApplication(world.ada, { companyName: 'Cyberdyne', notes: 'narwhal' });
    const refused = await failureOf(
      world.bob.api.search.query({ q: 'narwhal', ownerId: world.ada.id }),
    );
    expect(refused.code).toBe('NOT_FOUND');
    await shareWith(world.ada, world.coach, 'viewer');
    const shared = await world.coach.api.search.query({ q: 'narwhal', ownerId: world.ada.id });
    expect(shared.results).toHaveLength(1);
  });

  it('a private application stays out of a grantee’s results', async () => {
    const app = await createApplication(world.ada, { companyName: 'Soylent', notes: 'wombat' });
    await world.ada.api.application.update({ id: app.id, version: app.version, private: true });
    const own = await world.ada.api.search.query({ q: 'wombat' });
    expect(own.results).toHaveLength(1);
    const shared = await world.coach.api.search.query({ q: 'wombat', ownerId: world.ada.id });
    expect(shared.results).toEqual([]);
  });
});

describe('search by meaning', () => {
  it('embeds changed text once, and again when it changes', async () => {
    const app = await createApplication(world.bob, { jobDescription: DATA_ENGINEER_A });
    const payload = { userId: world.bob.id, applicationId: app.id, documentId: null };
    expect(await embedSubject(world.t.app, builtinEmbedder, payload)).toBe('embedded');
    expect(await embedSubject(world.t.app, builtinEmbedder, payload)).toBe('unchanged');
    await world.bob.api.application.update({
      id: app.id,
      version: app.version,
      jobDescription: DATA_ENGINEER_B,
    });
    const stale = await staleSubjects(world.t.owner, builtinEmbedder.model);
    expect(stale).toContainEqual(payload);
    expect(await embedSubject(world.t.app, builtinEmbedder, payload)).toBe('embedded');
    expect(await staleSubjects(world.t.owner, builtinEmbedder.model)).not.toContainEqual(payload);
  });

  it('similarByMeaning lists the nearest applications with their stage, not itself', async () => {
    const data = await createApplication(world.ada, {
      companyName: 'Pied Piper',
      roleTitle: 'Senior Data Engineer',
      jobDescription: DATA_ENGINEER_A,
    });
    const twin = await createApplication(world.ada, {
      companyName: 'Aviato',
      roleTitle: 'Data Engineer',
      jobDescription: DATA_ENGINEER_B,
      stage: 'rejected',
    } as never);
    const front = await createApplication(world.ada, {
      companyName: 'Raviga',
      roleTitle: 'Frontend Engineer',
      jobDescription: FRONTEND_ENGINEER,
    });
    const chef = await createApplication(world.ada, {
      companyName: 'Le Bistro',
      roleTitle: 'Pastry Chef',
      jobDescription: PASTRY_CHEF,
    });
    const before = await world.ada.api.application.similarByMeaning({ id: data.id });
    expect(before).toEqual({ model: 'pursuit-hash-v1', matches: [] });
    await embedAll(world.ada);
    const { model, matches } = await world.ada.api.application.similarByMeaning({ id: data.id });
    expect(model).toBe('pursuit-hash-v1');
    expect(matches[0]).toMatchObject({ id: twin.id, companyName: 'Aviato', stage: twin.stage });
    expect(matches.map((m) => m.id)).not.toContain(data.id);
    const rank = (id: string) => matches.findIndex((m) => m.id === id);
    if (rank(chef.id) >= 0) expect(rank(front.id)).toBeLessThan(rank(chef.id));
    const failure = await failureOf(world.bob.api.application.similarByMeaning({ id: data.id }));
    expect(failure.code).toBe('NOT_FOUND');
  });

  it('a meaning search finds the posting about the same work without its exact words', async () => {
    const answer = await world.ada.api.search.query({
      q: 'ETL orchestration with Airflow and a warehouse',
      mode: 'meaning',
    });
    expect(answer).toMatchObject({ mode: 'meaning', model: 'pursuit-hash-v1' });
    expect(answer.results[0]?.title).toMatch(/Data Engineer/);
    expect(answer.results.every((r) => r.kind === 'application' || r.kind === 'document')).toBe(
      true,
    );
  });

  it('never compares vectors of another model', async () => {
    const other = {
      model: 'another-model',
      embed: (texts: string[]) => builtinEmbedder.embed(texts),
    };
    const answer = await world.ada.api.search.query({ q: 'airflow', mode: 'meaning' });
    expect(answer.results.length).toBeGreaterThan(0);
    const app = await createApplication(world.ada, { jobDescription: DATA_ENGINEER_A });
    await embedSubject(world.t.app, other, {
      userId: world.ada.id,
      applicationId: app.id,
      documentId: null,
    });
    const again = await world.ada.api.application.similarByMeaning({ id: app.id });
    expect(again.matches).toEqual([]);
  });
});
