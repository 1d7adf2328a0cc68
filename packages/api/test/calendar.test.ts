// The calendar feed's token through the real router: made once with its URL
// shown once, only the hash stored, rotated (the old token stops resolving),
// turned off; and account.setEmailDigest.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calendarFeedOwner } from '../src/services/calendar';
import { appRouter, createCallerFactory, createContextInner } from '../src/server';
import { failureOf, NOTHING_RUNS, setUp } from './support/accounts';
import { PUBLIC_ORIGIN } from './support/sharing';

const world = setUp('ada', 'bob');
const URL_SHAPE = /^https:\/\/pursuit\.example\.com\/calendar\/([A-Za-z0-9_-]{43})\.ics$/;

function atOrigin(token: string, digestAvailable = false) {
  return createCallerFactory(appRouter)(
    createContextInner({
      ...NOTHING_RUNS,
      db: world.t.app,
      sessionToken: token,
      publicOrigin: PUBLIC_ORIGIN,
      digestAvailable,
    }),
  );
}

function tokenOf(url: string): string {
  return URL_SHAPE.exec(url)![1]!;
}

describe('calendar feed', () => {
  it('is made once: the URL is shown then, and never again; only its SHA-256 is stored', async () => {
    const api = atOrigin(world.ada.token);
    expect(await api.calendar.status()).toEqual({ createdAt: null });
    const made = await api.calendar.feedUrl();
    expect(made.url).toMatch(URL_SHAPE);
    expect(made.createdAt).toBeInstanceOf(Date);
    const token = tokenOf(made.url!);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const [stored] = await world.t.owner.sql<{ token_hash: string }[]>`
      select token_hash from calendar_feeds where user_id = ${world.ada.id}`;
    expect(stored!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored!.token_hash).not.toContain(token);

    expect(await api.calendar.feedUrl()).toEqual({ url: null, createdAt: made.createdAt });
    expect(await api.calendar.status()).toEqual({ createdAt: made.createdAt });
    expect(await calendarFeedOwner(world.t.app, token)).toBe(world.ada.id);
  });

  it('rotating gives a new URL and the old token resolves to nobody; turning it off ends both', async () => {
    const api = atOrigin(world.ada.token);
    const first = await api.calendar.rotate();
    const second = await api.calendar.rotate();
    expect(second.url).not.toBe(first.url);
    expect(await calendarFeedOwner(world.t.app, tokenOf(first.url))).toBeNull();
    expect(await calendarFeedOwner(world.t.app, tokenOf(second.url))).toBe(world.ada.id);
    expect(await api.calendar.disable()).toEqual({ ok: true });
    expect(await calendarFeedOwner(world.t.app, tokenOf(second.url))).toBeNull();
    expect(await api.calendar.status()).toEqual({ createdAt: null });
  });

  it('a malformed or unknown token resolves to nobody', async () => {
    for (const token of ['', 'x', "' or 1=1 --", 'A'.repeat(43), 'A'.repeat(44)]) {
      expect(await calendarFeedOwner(world.t.app, token)).toBeNull();
    }
  });

  it("a person's feed is their own: another's rotate or disable leaves it working", async () => {
    const ada = atOrigin(world.ada.token);
    const { url } = await ada.calendar.rotate();
    const bob = atOrigin(world.bob.token);
    await bob.calendar.rotate();
    await bob.calendar.disable();
    expect(await calendarFeedOwner(world.t.app, tokenOf(url))).toBe(world.ada.id);
    expect(await bob.calendar.status()).toEqual({ createdAt: null });
  });

  it('a disabled account’s feed resolves to nobody', async () => {
    const { url } = await atOrigin(world.bob.token).calendar.rotate();
    await world.t.owner.sql`update users set disabled_at = now() where id = ${world.bob.id}`;
    expect(await calendarFeedOwner(world.t.app, tokenOf(url))).toBeNull();
    await world.t.owner.sql`update users set disabled_at = null where id = ${world.bob.id}`;
  });

  it('signed out, the feed procedures are UNAUTHORIZED', async () => {
    const api = createCallerFactory(appRouter)(
      createContextInner({ ...NOTHING_RUNS, db: world.t.app, sessionToken: null }),
    );
    expect((await failureOf(api.calendar.feedUrl())).code).toBe('UNAUTHORIZED');
  });
});

describe('email digest setting', () => {
  it('is on by default, can be turned off and on, and says whether this server sends mail', async () => {
    const api = atOrigin(world.ada.token, true);
    expect(await api.account.me()).toMatchObject({
      id: world.ada.id,
      emailDigest: true,
      digestAvailable: true,
    });
    expect(await api.account.setEmailDigest({ enabled: false })).toEqual({ emailDigest: false });
    expect((await api.account.me()).emailDigest).toBe(false);
    expect(await world.ada.api.account.setEmailDigest({ enabled: true })).toEqual({
      emailDigest: true,
    });
    expect((await world.ada.api.account.me()).digestAvailable).toBe(false);
    expect((await world.ada.api.auth.config()).digestAvailable).toBe(false);
  });

  it('refuses a value that is not true or false', async () => {
    const failure = await failureOf(
      world.ada.api.account.setEmailDigest({ enabled: 'yes' as never }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.message).toContain('true or false');
  });
});
