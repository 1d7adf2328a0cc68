// Notifications through the router against the real database: the triggers
// of migration 0012 write them (a comment, a mention, a card moved by a
// collaborator, an invitation accepted); each person lists and marks their own.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applications, withUser } from '@pursuit/db';
import { failureOf, setUp, signUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';
import { anyDate, anyString } from '../support/matchers';

const world = setUp('stranger');

/** A fresh owner with a viewer, a commenter and an editor, and one application. */
async function team(label: string) {
  const owner = await signUp(world.t, `${label}-owner`);
  const viewer = await signUp(world.t, `${label}-viewer`);
  const commenter = await signUp(world.t, `${label}-commenter`);
  const editor = await signUp(world.t, `${label}-editor`);
  await shareWith(owner, viewer, 'viewer');
  await shareWith(owner, commenter, 'commenter');
  await shareWith(owner, editor, 'editor');
  const application = await createApplication(owner, {
    companyName: 'Acme',
    roleTitle: 'Engineer',
    stage: 'applied',
  });
  return { owner, viewer, commenter, editor, applicationId: application.id };
}

async function kinds(person: Person) {
  return (await person.api.notification.list()).items.map((item) => item.kind);
}

describe('what makes a notification', () => {
  it('accepting an invitation tells the owner who joined and what they may do', async () => {
    const owner = await signUp(world.t, 'inviter');
    const coach = await signUp(world.t, 'coach');
    await shareWith(owner, coach, 'commenter');
    const { items, unread } = await owner.api.notification.list();
    expect(unread).toBe(1);
    expect(items).toEqual([
      {
        id: anyString,
        kind: 'invitation_accepted',
        summary: 'coach accepted your invitation and can now see and comment on your search',
        actor: { id: coach.id, name: 'coach' },
        ownerId: owner.id,
        applicationId: null,
        commentId: null,
        createdAt: anyDate,
        readAt: null,
      },
    ]);
    expect(await kinds(coach)).toEqual([]);
  });

  it('a comment tells everyone else with access; a mention says so; the author is not told', async () => {
    const { owner, viewer, commenter, editor, applicationId } = await team('comment');
    const created = await commenter.api.comment.create({
      applicationId,
      body: 'Looks good, @comment-viewer',
    });
    expect(await kinds(commenter)).toEqual([]);
    // The owner was told of the three invitations accepted before.
    expect(await kinds(owner)).toEqual([
      'comment',
      ...Array<string>(3).fill('invitation_accepted'),
    ]);
    expect(await kinds(editor)).toEqual(['comment']);
    const [mention] = (await viewer.api.notification.list()).items;
    expect(mention).toMatchObject({
      kind: 'mention',
      summary: 'comment-commenter mentioned you on Acme — Engineer',
      actor: { id: commenter.id, name: 'comment-commenter' },
      ownerId: owner.id,
      applicationId,
      commentId: created.id,
      readAt: null,
    });
    expect(await kinds(world.stranger)).toEqual([]);
  });

  it("a comment on a private application tells none of the owner's collaborators", async () => {
    const { owner, viewer, editor } = await team('private');
    const hidden = await createApplication(owner, { companyName: 'Hush' });
    await withUser(world.t.app, owner.id, (tx) =>
      tx.update(applications).set({ private: true }).where(eq(applications.id, hidden.id)),
    );
    await owner.api.comment.create({ applicationId: hidden.id, body: 'Note @private-viewer' });
    expect(await kinds(viewer)).toEqual([]);
    expect(await kinds(editor)).toEqual([]);
  });

  it('an editor moving a card tells the owner; the owner moving it tells nobody', async () => {
    const { owner, editor, viewer, applicationId } = await team('move');
    await owner.api.notification.markRead();
    await owner.api.application.move({ id: applicationId, stage: 'interviewing' });
    expect((await owner.api.notification.list()).unread).toBe(0);
    // As the editor, under their RLS (application.move for editors is another helper's work).
    await withUser(world.t.app, editor.id, (tx) =>
      tx.update(applications).set({ stage: 'offer' }).where(eq(applications.id, applicationId)),
    );
    const { items, unread } = await owner.api.notification.list();
    expect(unread).toBe(1);
    expect(items[0]).toMatchObject({
      kind: 'stage_change',
      summary: 'move-editor moved Acme — Engineer from interviewing to offer',
      actor: { id: editor.id, name: 'move-editor' },
      ownerId: owner.id,
      applicationId,
    });
    expect(await kinds(editor)).toEqual([]);
    expect(await kinds(viewer)).toEqual([]);
  });
});

describe('listing and marking read', () => {
  it('lists newest first up to the limit, with the unread count of all', async () => {
    const { owner, commenter, applicationId } = await team('list');
    for (const body of ['one', 'two', 'three']) {
      await commenter.api.comment.create({ applicationId, body });
    }
    const all = await owner.api.notification.list();
    // Three invitations accepted, then three comments.
    expect(all.unread).toBe(6);
    expect(all.items.map((item) => item.kind).slice(0, 3)).toEqual([
      'comment',
      'comment',
      'comment',
    ]);
    const two = await owner.api.notification.list({ limit: 2 });
    expect(two.items.map((item) => item.id)).toEqual(all.items.slice(0, 2).map((item) => item.id));
    expect(two.unread).toBe(6);
    expect(
      (await failureOf(owner.api.notification.list({ limit: 201 }))).fieldErrors?.limit,
    ).toBeDefined();
  });

  it('marks the named ones read, then all; counts only those it changed', async () => {
    const { owner } = await team('mark');
    const { items } = await owner.api.notification.list();
    expect(items).toHaveLength(3);
    expect(await owner.api.notification.markRead({ ids: [items[0]!.id] })).toEqual({ count: 1 });
    expect(await owner.api.notification.markRead({ ids: [items[0]!.id] })).toEqual({ count: 0 });
    const after = await owner.api.notification.list();
    expect(after.unread).toBe(2);
    expect(after.items.find((item) => item.id === items[0]!.id)?.readAt).toBeInstanceOf(Date);
    expect(await owner.api.notification.markRead({})).toEqual({ count: 2 });
    expect((await owner.api.notification.list()).unread).toBe(0);
  });

  it("nobody reads or marks another person's notifications", async () => {
    const { owner } = await team('own');
    const { items } = await owner.api.notification.list();
    expect((await world.stranger.api.notification.list()).items).toEqual([]);
    expect(
      await world.stranger.api.notification.markRead({ ids: items.map((item) => item.id) }),
    ).toEqual({ count: 0 });
    expect((await owner.api.notification.list()).unread).toBe(items.length);
  });
});
