// Comments through the router against the real database: who may read and
// write them per role, who edits and deletes which, private applications,
// @mentions resolved to people with access, and marking a thread read.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { applications, withUser } from '@pursuit/db';
import { failureOf, setUp, signUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';
import { anyDate, anyString } from '../support/matchers';

const world = setUp('owner', 'viewer', 'commenter', 'editor', 'stranger');

let applicationId: string;
let privateId: string;

beforeAll(async () => {
  const { owner } = world;
  applicationId = (await createApplication(owner, { companyName: 'Acme' })).id;
  privateId = (await createApplication(owner, { companyName: 'Hush' })).id;
  await withUser(world.t.app, owner.id, (tx) =>
    tx.update(applications).set({ private: true }).where(eq(applications.id, privateId)),
  );
  await shareWith(owner, world.viewer, 'viewer');
  await shareWith(owner, world.commenter, 'commenter');
  await shareWith(owner, world.editor, 'editor');
});

function comment(person: Person, body: string, on = applicationId) {
  return person.api.comment.create({ applicationId: on, body });
}

describe('who may comment', () => {
  it('the owner, a commenter and an editor comment; each sees the thread oldest first', async () => {
    const id = (await createApplication(world.owner, { companyName: 'Thread' })).id;
    const first = await comment(world.owner, 'First from the owner', id);
    expect(first).toEqual({
      id: anyString,
      author: { id: world.owner.id, name: 'owner' },
      body: 'First from the owner',
      mentions: [],
      createdAt: anyDate,
      editedAt: null,
      deletedAt: null,
      mine: true,
    });
    await comment(world.commenter, 'Second from the commenter', id);
    await comment(world.editor, 'Third from the editor', id);
    for (const person of [world.owner, world.viewer, world.commenter, world.editor]) {
      const thread = await person.api.comment.list({ applicationId: id });
      expect(thread.map((c) => [c.author?.name, c.body, c.mine])).toEqual([
        ['owner', 'First from the owner', person === world.owner],
        ['commenter', 'Second from the commenter', person === world.commenter],
        ['editor', 'Third from the editor', person === world.editor],
      ]);
    }
  });

  it('a viewer reads comments but may not write one, and is told why', async () => {
    expect(await failureOf(comment(world.viewer, 'Can I?'))).toEqual(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'You can view owner’s search but not comment on it.',
      }),
    );
  });

  it('a stranger neither reads nor writes comments: the application does not exist for them', async () => {
    expect(await failureOf(world.stranger.api.comment.list({ applicationId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failureOf(comment(world.stranger, 'Hello'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failureOf(world.stranger.api.comment.markRead({ applicationId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("a private application's comments are the owner's alone: NOT_FOUND for every grantee", async () => {
    const mine = await comment(world.owner, 'Note to self', privateId);
    expect(await world.owner.api.comment.list({ applicationId: privateId })).toHaveLength(1);
    for (const person of [world.viewer, world.commenter, world.editor]) {
      expect(await failureOf(person.api.comment.list({ applicationId: privateId }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failureOf(comment(person, 'Peek', privateId))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failureOf(person.api.comment.delete({ id: mine.id }))).toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });

  it('a comment cannot be blank or longer than 10,000 characters', async () => {
    const blank = await failureOf(comment(world.owner, '   \n '));
    expect(blank.fieldErrors?.body).toEqual(['Write something before posting.']);
    const long = await failureOf(comment(world.owner, 'x'.repeat(10_001)));
    expect(long.fieldErrors?.body).toEqual(['A comment can be at most 10,000 characters.']);
    await expect(comment(world.owner, 'x'.repeat(10_000))).resolves.toBeDefined();
  });
});

describe('editing and deleting', () => {
  it('the author edits their own comment, which is then marked edited', async () => {
    const created = await comment(world.commenter, 'Typo hre');
    const edited = await world.commenter.api.comment.update({ id: created.id, body: 'Typo here' });
    expect(edited).toMatchObject({ id: created.id, body: 'Typo here', editedAt: anyDate });
  });

  it("nobody edits someone else's comment, the owner included", async () => {
    const created = await comment(world.commenter, 'Mine to edit');
    for (const person of [world.owner, world.editor]) {
      expect(
        await failureOf(person.api.comment.update({ id: created.id, body: 'Changed' })),
      ).toEqual(
        expect.objectContaining({
          code: 'FORBIDDEN',
          message: 'Only its author can edit a comment.',
        }),
      );
    }
    expect(
      await failureOf(world.stranger.api.comment.update({ id: created.id, body: 'Changed' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const [row] = (await world.owner.api.comment.list({ applicationId })).filter(
      (c) => c.id === created.id,
    );
    expect(row?.body).toBe('Mine to edit');
  });

  it('the author deletes their own comment: the thread keeps it as deleted, without its text', async () => {
    const created = await comment(world.editor, 'Soon gone');
    const deleted = await world.editor.api.comment.delete({ id: created.id });
    expect(deleted).toMatchObject({ id: created.id, body: '', deletedAt: anyDate });
    const listed = (await world.viewer.api.comment.list({ applicationId })).find(
      (c) => c.id === created.id,
    );
    expect(listed).toMatchObject({ body: '', deletedAt: anyDate });
    expect(
      await failureOf(world.editor.api.comment.update({ id: created.id, body: 'Back' })),
    ).toMatchObject({ code: 'BAD_REQUEST', message: 'That comment was deleted.' });
  });

  it("the owner deletes anyone's comment in their search; a grantee cannot delete another's", async () => {
    const created = await comment(world.commenter, 'Off topic');
    expect(await failureOf(world.editor.api.comment.delete({ id: created.id }))).toEqual(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'Only its author or the owner of the search can delete a comment.',
      }),
    );
    expect(await failureOf(world.viewer.api.comment.delete({ id: created.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failureOf(world.stranger.api.comment.delete({ id: created.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const deleted = await world.owner.api.comment.delete({ id: created.id });
    expect(deleted).toMatchObject({
      author: { id: world.commenter.id, name: 'commenter' },
      body: '',
      deletedAt: anyDate,
      mine: false,
    });
    // Deleting it again changes nothing.
    expect(await world.owner.api.comment.delete({ id: created.id })).toEqual(deleted);
  });
});

describe('mentions', () => {
  it('"@Name" of a person with access becomes a mention, in any letter case', async () => {
    const created = await comment(world.owner, 'What do you think, @COMMENTER and @editor?');
    expect([...created.mentions].sort()).toEqual([world.commenter.id, world.editor.id].sort());
  });

  it('the longest name wins, and a name inside a longer word or an email is not a mention', async () => {
    const seeker = await signUp(world.t, 'seeker');
    const sam = await signUp(world.t, 'sam');
    const samLee = await signUp(world.t, 'samlee');
    await samLee.api.auth.updateName({ name: 'Sam Lee' });
    await shareWith(seeker, sam, 'commenter');
    await shareWith(seeker, samLee, 'commenter');
    const id = (await createApplication(seeker)).id;
    const longest = await seeker.api.comment.create({ applicationId: id, body: 'Ping @sam lee.' });
    expect(longest.mentions).toEqual([samLee.id]);
    const both = await seeker.api.comment.create({
      applicationId: id,
      body: '@Sam, and @Sam Lee: mail x@sam.example or @samuel',
    });
    expect([...both.mentions].sort()).toEqual([sam.id, samLee.id].sort());
    const neither = await seeker.api.comment.create({
      applicationId: id,
      body: 'mail x@sam or @samuel',
    });
    expect(neither.mentions).toEqual([]);
  });

  it('someone without access is never mentioned, and nobody mentions themselves', async () => {
    const created = await comment(world.commenter, '@stranger @commenter @owner look');
    expect(created.mentions).toEqual([world.owner.id]);
  });

  it('editing a comment resolves its mentions again', async () => {
    const created = await comment(world.owner, 'Hi @viewer');
    expect(created.mentions).toEqual([world.viewer.id]);
    const edited = await world.owner.api.comment.update({ id: created.id, body: 'Hi @editor' });
    expect(edited.mentions).toEqual([world.editor.id]);
  });
});

describe('marking a thread read', () => {
  it("records the caller's own read time, once per application, and moves it forward", async () => {
    const first = await world.viewer.api.comment.markRead({ applicationId });
    expect(first.readAt).toBeInstanceOf(Date);
    const second = await world.viewer.api.comment.markRead({ applicationId });
    expect(second.readAt.getTime()).toBeGreaterThanOrEqual(first.readAt.getTime());
    const rows = await world.t.owner.sql<{ user_id: string; owner_id: string }[]>`
      select user_id, owner_id from comment_reads where application_id = ${applicationId}`;
    expect(rows).toEqual([{ user_id: world.viewer.id, owner_id: world.owner.id }]);
  });

  it("a grantee cannot mark a private application's thread read", async () => {
    expect(
      await failureOf(world.editor.api.comment.markRead({ applicationId: privateId })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
