// Sharing a search through the router against the real database: invitation
// links (single use, expiry, cancellation, never stored raw), accepting one,
// the shares on each side, changing and ending them, who has access, and the
// overview a coach sees of every search shared with them.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applications, withUser } from '@pursuit/db';
import { callerFor, failureOf, setUp, signUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { instanceClient, PUBLIC_ORIGIN, shareWith, tokenOf } from '../support/sharing';
import { anyDate } from '../support/matchers';

const world = setUp('owner', 'coach', 'partner', 'stranger');

const DAY_MS = 24 * 60 * 60 * 1000;

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** As the migration owner (outside RLS): what a test needs to set up by hand. */
async function expireInvitation(id: string) {
  await world.t.owner
    .sql`update share_invitations set expires_at = now() - interval '1 minute' where id = ${id}`;
}

describe('invitation links', () => {
  it('an invitation is a link on the public origin, valid for 7 days', async () => {
    const { owner } = world;
    const before = Date.now();
    const { api } = instanceClient(world.t, 'open', owner.token);
    const invitation = await api.sharing.invite({ role: 'viewer', email: 'coach@example.com' });
    expect(invitation.url).toMatch(new RegExp(`^${PUBLIC_ORIGIN}/invite/[a-z2-7]{52}$`));
    expect(invitation.expiresAt.getTime() - before).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(invitation.expiresAt.getTime() - before).toBeLessThan(7 * DAY_MS + 60_000);
    await owner.api.sharing.cancelInvitation({ id: invitation.id });
  });

  it('the database never holds the raw token, only its SHA-256 in hex', async () => {
    const { owner } = world;
    const invitation = await owner.api.sharing.invite({ role: 'commenter' });
    const token = tokenOf(invitation.url);
    const rows = await world.t.owner
      .sql`select * from share_invitations where id = ${invitation.id}`;
    expect(rows[0]!.token_hash).toBe(sha256Hex(token));
    const everything = await world.t.owner.sql<{ dump: string }[]>`
      select coalesce(string_agg(t::text, ' '), '') as dump from share_invitations t`;
    expect(everything[0]!.dump).not.toContain(token);
    await owner.api.sharing.cancelInvitation({ id: invitation.id });
  });

  it('anyone holding the link, signed in or not, sees whose search it is before accepting', async () => {
    const { owner } = world;
    const invitation = await owner.api.sharing.invite({ role: 'editor' });
    const preview = await callerFor(world.t, null).sharing.preview({
      token: tokenOf(invitation.url),
    });
    expect(preview).toEqual({
      ownerName: 'owner',
      role: 'editor',
      expiresAt: invitation.expiresAt,
      status: 'valid',
    });
    await owner.api.sharing.cancelInvitation({ id: invitation.id });
  });

  it('an unknown or malformed link is NOT_FOUND', async () => {
    const anyone = callerFor(world.t, null);
    for (const token of ['a'.repeat(52), 'not a token']) {
      expect(await failureOf(anyone.sharing.preview({ token }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failureOf(world.stranger.api.sharing.accept({ token }))).toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });

  it('an invitation is single use: a second person accepting it is refused', async () => {
    const owner = await signUp(world.t, 'single');
    const invitation = await owner.api.sharing.invite({ role: 'viewer' });
    const token = tokenOf(invitation.url);
    const share = await world.coach.api.sharing.accept({ token });
    expect(share).toMatchObject({ ownerId: owner.id, role: 'viewer' });
    expect(await failureOf(world.partner.api.sharing.accept({ token }))).toEqual(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'That invitation link has already been used.',
      }),
    );
    expect((await callerFor(world.t, null).sharing.preview({ token })).status).toBe('used');
    expect(await failureOf(world.partner.api.sharing.people({ ownerId: owner.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('an expired invitation is refused and shows as expired', async () => {
    const owner = await signUp(world.t, 'expiring');
    const invitation = await owner.api.sharing.invite({ role: 'viewer' });
    await expireInvitation(invitation.id);
    const token = tokenOf(invitation.url);
    expect(await failureOf(world.coach.api.sharing.accept({ token }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That invitation link has expired; ask for a new one.',
    });
    expect((await callerFor(world.t, null).sharing.preview({ token })).status).toBe('expired');
    const [listed] = await owner.api.sharing.invitations();
    expect(listed).toMatchObject({ id: invitation.id, status: 'expired', acceptedBy: null });
  });

  it('a cancelled invitation is refused as unknown', async () => {
    const owner = await signUp(world.t, 'cancelling');
    const invitation = await owner.api.sharing.invite({ role: 'viewer' });
    expect(await owner.api.sharing.cancelInvitation({ id: invitation.id })).toEqual({
      id: invitation.id,
    });
    const token = tokenOf(invitation.url);
    expect(await failureOf(world.coach.api.sharing.accept({ token }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'That invitation link is not valid (it may have been cancelled).',
    });
    expect(await failureOf(callerFor(world.t, null).sharing.preview({ token }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await owner.api.sharing.invitations()).toEqual([]);
  });

  it("a person cannot cancel someone else's invitation", async () => {
    const invitation = await world.owner.api.sharing.invite({ role: 'viewer' });
    expect(
      await failureOf(world.stranger.api.sharing.cancelInvitation({ id: invitation.id })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await world.stranger.api.sharing.invitations()).toEqual([]);
    await world.owner.api.sharing.cancelInvitation({ id: invitation.id });
  });

  it('accepting your own link is refused with a sentence saying what to do', async () => {
    const invitation = await world.owner.api.sharing.invite({ role: 'viewer' });
    expect(
      await failureOf(world.owner.api.sharing.accept({ token: tokenOf(invitation.url) })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'This is your own invitation link: send it to the person you want to invite.',
    });
    await world.owner.api.sharing.cancelInvitation({ id: invitation.id });
  });

  it('accepting a new invitation to a search already shared changes the role of the same share', async () => {
    const owner = await signUp(world.t, 'again');
    const first = await shareWith(owner, world.coach, 'viewer');
    const second = await shareWith(owner, world.coach, 'editor');
    expect(second).toEqual({ id: first.id, ownerId: owner.id, role: 'editor' });
    const { grantedByMe } = await owner.api.sharing.list();
    expect(grantedByMe).toEqual([expect.objectContaining({ id: first.id, role: 'editor' })]);
  });

  it('the owner lists invitations with their status and who accepted', async () => {
    const owner = await signUp(world.t, 'lister');
    const pending = await owner.api.sharing.invite({ role: 'viewer', email: 'Coach@Example.com' });
    const accepted = await owner.api.sharing.invite({ role: 'commenter' });
    await world.partner.api.sharing.accept({ token: tokenOf(accepted.url) });
    const list = await owner.api.sharing.invitations();
    expect(list).toEqual([
      {
        id: accepted.id,
        role: 'commenter',
        email: null,
        createdAt: anyDate,
        expiresAt: accepted.expiresAt,
        status: 'accepted',
        acceptedBy: { id: world.partner.id, name: 'partner' },
      },
      {
        id: pending.id,
        role: 'viewer',
        email: 'Coach@Example.com',
        createdAt: anyDate,
        expiresAt: pending.expiresAt,
        status: 'pending',
        acceptedBy: null,
      },
    ]);
  });

  it('an invitation email must be an email address; a cleared field means none', async () => {
    const failure = await failureOf(world.owner.api.sharing.invite({ role: 'viewer', email: 'x' }));
    expect(failure.fieldErrors?.email).toBeDefined();
    const invitation = await world.owner.api.sharing.invite({ role: 'viewer', email: '' });
    const listed = (await world.owner.api.sharing.invitations()).find(
      (row) => row.id === invitation.id,
    );
    expect(listed?.email).toBeNull();
    await world.owner.api.sharing.cancelInvitation({ id: invitation.id });
  });

  it('an owner has at most 50 pending invitations; cancelling one makes room', async () => {
    const owner = await signUp(world.t, 'busy');
    const made = [];
    for (let i = 0; i < 50; i += 1) made.push(await owner.api.sharing.invite({ role: 'viewer' }));
    expect(await failureOf(owner.api.sharing.invite({ role: 'viewer' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'You have 50 invitations waiting to be accepted. Cancel some to send more.',
    });
    await owner.api.sharing.cancelInvitation({ id: made[0]!.id });
    await expect(owner.api.sharing.invite({ role: 'viewer' })).resolves.toBeDefined();
  });
});

describe('shares', () => {
  it('both sides list the share, with names, emails, role and since', async () => {
    const owner = await signUp(world.t, 'listed');
    const share = await shareWith(owner, world.coach, 'commenter');
    const mine = await owner.api.sharing.list();
    expect(mine).toEqual({
      grantedByMe: [
        {
          id: share.id,
          person: { id: world.coach.id, name: 'coach', email: world.coach.email },
          role: 'commenter',
          since: anyDate,
          lastActiveAt: anyDate,
        },
      ],
      sharedWithMe: [],
    });
    const theirs = await world.coach.api.sharing.list();
    expect(theirs.sharedWithMe).toContainEqual({
      id: share.id,
      person: { id: owner.id, name: 'listed', email: owner.email },
      role: 'commenter',
      since: anyDate,
      lastActiveAt: anyDate,
    });
    expect(theirs.grantedByMe.map((row) => row.id)).not.toContain(share.id);
  });

  it('the owner changes the role; the grantee cannot, and a stranger is told it does not exist', async () => {
    const owner = await signUp(world.t, 'roles');
    const share = await shareWith(owner, world.coach, 'viewer');
    expect(await owner.api.sharing.update({ id: share.id, role: 'editor' })).toEqual({
      id: share.id,
    });
    expect((await world.coach.api.sharing.people({ ownerId: owner.id }))[1]).toEqual({
      id: world.coach.id,
      name: 'coach',
      role: 'editor',
    });
    expect(
      await failureOf(world.coach.api.sharing.update({ id: share.id, role: 'viewer' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await failureOf(world.stranger.api.sharing.update({ id: share.id, role: 'viewer' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(world.stranger.api.sharing.revoke({ id: share.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('revoking ends the grantee’s access at once; an ended share cannot be changed again', async () => {
    const owner = await signUp(world.t, 'revoker');
    await createApplication(owner);
    const share = await shareWith(owner, world.coach, 'viewer');
    expect(await world.coach.api.sharing.people({ ownerId: owner.id })).toHaveLength(2);
    expect(await failureOf(world.coach.api.sharing.revoke({ id: share.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await owner.api.sharing.revoke({ id: share.id })).toEqual({ id: share.id });
    expect(await failureOf(world.coach.api.sharing.people({ ownerId: owner.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await owner.api.sharing.list()).grantedByMe).toEqual([]);
    expect((await world.coach.api.sharing.overview()).map((o) => o.ownerId)).not.toContain(
      owner.id,
    );
    expect(
      await failureOf(owner.api.sharing.update({ id: share.id, role: 'editor' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(owner.api.sharing.revoke({ id: share.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a grantee leaves a search; the owner cannot "leave" their own', async () => {
    const owner = await signUp(world.t, 'left');
    const share = await shareWith(owner, world.partner, 'commenter');
    expect(await failureOf(owner.api.sharing.leave({ id: share.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await world.partner.api.sharing.leave({ id: share.id })).toEqual({ id: share.id });
    expect(await failureOf(world.partner.api.sharing.people({ ownerId: owner.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await owner.api.sharing.list()).grantedByMe).toEqual([]);
  });

  it('a new invitation after revocation makes a new share', async () => {
    const owner = await signUp(world.t, 'return');
    const first = await shareWith(owner, world.coach, 'viewer');
    await owner.api.sharing.revoke({ id: first.id });
    const second = await shareWith(owner, world.coach, 'viewer');
    expect(second.id).not.toBe(first.id);
  });
});

describe('people with access', () => {
  it('lists the owner first, then each grantee with their role, to anyone with access', async () => {
    const owner = await signUp(world.t, 'people');
    await shareWith(owner, world.coach, 'viewer');
    await shareWith(owner, world.partner, 'editor');
    const expected = [
      { id: owner.id, name: 'people', role: 'owner' },
      { id: world.coach.id, name: 'coach', role: 'viewer' },
      { id: world.partner.id, name: 'partner', role: 'editor' },
    ];
    for (const person of [owner, world.coach, world.partner]) {
      const people = await person.api.sharing.people({ ownerId: owner.id });
      expect(people[0]).toEqual(expected[0]);
      expect(people).toEqual(expect.arrayContaining(expected));
      expect(people).toHaveLength(3);
    }
  });

  it("a stranger asking for someone's people is told the search does not exist", async () => {
    expect(
      await failureOf(world.stranger.api.sharing.people({ ownerId: world.owner.id })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('overview of searches shared with me', () => {
  it('counts the cards per stage, the last activity and the next interviews of each owner, and nothing of anyone else', async () => {
    const seeker = await signUp(world.t, 'seeker');
    const coach = await signUp(world.t, 'overview-coach');
    const other = await signUp(world.t, 'other-seeker');
    const applied = await createApplication(seeker, { stage: 'applied', roleTitle: 'Engineer' });
    await createApplication(seeker, { stage: 'applied', roleTitle: 'Engineer II' });
    const interviewing = await createApplication(seeker, {
      stage: 'interviewing',
      companyName: 'Initech',
      roleTitle: 'SRE',
    });
    const hidden = await createApplication(seeker, { stage: 'offer', roleTitle: 'Secret' });
    const archived = await createApplication(seeker, { stage: 'interested', roleTitle: 'Old' });
    await seeker.api.application.archive({ id: archived.id });
    await withUser(world.t.app, seeker.id, (tx) =>
      tx.update(applications).set({ private: true }).where(eq(applications.id, hidden.id)),
    );
    const soon = new Date(Date.now() + DAY_MS);
    await seeker.api.interview.create({
      applicationId: interviewing.id,
      scheduledAt: soon,
      kind: 'technical',
    });
    await seeker.api.interview.create({
      applicationId: applied.id,
      scheduledAt: new Date(Date.now() - DAY_MS),
    });
    await seeker.api.interview.create({ applicationId: hidden.id, scheduledAt: soon });
    // The coach's own board and a search not shared with them stay out.
    await createApplication(coach, { stage: 'offer' });
    await createApplication(other, { stage: 'offer' });
    await shareWith(seeker, coach, 'viewer');
    await shareWith(other, world.stranger, 'viewer');

    const overview = await coach.api.sharing.overview();
    expect(overview).toHaveLength(1);
    const [summary] = overview;
    expect(summary).toMatchObject({
      ownerId: seeker.id,
      name: 'seeker',
      role: 'viewer',
      total: 3,
      lastActivityAt: anyDate,
      upcomingInterviews: [
        {
          applicationId: interviewing.id,
          companyName: 'Initech',
          roleTitle: 'SRE',
          scheduledAt: soon,
          kind: 'technical',
        },
      ],
    });
    expect(summary!.counts).toMatchObject({ applied: 2, interviewing: 1, offer: 0, interested: 0 });
    expect(Object.values(summary!.counts).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('is empty for someone nothing is shared with', async () => {
    expect(await (await signUp(world.t, 'alone')).api.sharing.overview()).toEqual([]);
  });
});
