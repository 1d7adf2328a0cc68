// Tokens for scripts through the router (issue 14): the rules of making,
// listing and revoking, the allow-list's shape, and what a token-authenticated
// caller may do. The HTTP side (headers, throttle, WebSocket) is in
// apps/server/test/api-tokens-http.test.ts.
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContextInner } from '../../src/server';
import { TOKEN_PROCEDURES } from '../../src/tokens/access';
import { TokenThrottle } from '../../src/tokens/throttle';
import { API_TOKENS_PER_USER_LIMIT } from '../../src/tokens/service';
import { failureOf, NOTHING_RUNS, setUp } from '../support/accounts';

const world = setUp('ann', 'bob');
const createCaller = createCallerFactory(appRouter);

function tokenCaller(token: string) {
  return createCaller(
    createContextInner({
      ...NOTHING_RUNS,
      db: world.t.app,
      sessionToken: null,
      bearerToken: token,
    }),
  );
}

const JOB = {
  companyName: 'Globex',
  roleTitle: 'Platform Engineer',
  jobDescription:
    'Own the ingestion pipeline end to end: Kafka consumers, Postgres schemas and a cache layer.',
};

describe('the allow-list', () => {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string } }
  >;

  it('names only procedures that exist, and no subscription', () => {
    for (const path of TOKEN_PROCEDURES) {
      expect(procedures[path], path).toBeDefined();
      expect(procedures[path]!._def.type, path).not.toBe('subscription');
    }
  });

  it('never names an account, session, sharing, admin or token procedure', () => {
    for (const path of TOKEN_PROCEDURES) {
      expect(path).not.toMatch(/^(auth|account|sharing|admin|token|presence|sync|calendar)\./);
    }
  });
});

describe('making, listing and revoking tokens', () => {
  it('a name is required and at most 100 characters', async () => {
    const empty = await failureOf(world.ann.api.token.create({ name: '  ', scope: 'read' }));
    expect(empty.code).toBe('BAD_REQUEST');
    expect(empty.fieldErrors?.name?.[0]).toMatch(/Name the token/);
    const long = await failureOf(
      world.ann.api.token.create({ name: 'x'.repeat(101), scope: 'read' }),
    );
    expect(long.fieldErrors?.name?.[0]).toMatch(/at most 100/);
  });

  it('the scope is read or write', async () => {
    const failure = await failureOf(
      world.ann.api.token.create({ name: 'x', scope: 'admin' as 'read' }),
    );
    expect(failure.message).toMatch(/Scope must be read or write/);
  });

  it("a user cannot see or revoke another user's token", async () => {
    const { summary } = await world.bob.api.token.create({ name: "Bob's", scope: 'write' });
    expect((await world.ann.api.token.list()).map((token) => token.id)).not.toContain(summary.id);
    const failure = await failureOf(world.ann.api.token.revoke({ id: summary.id }));
    expect(failure.code).toBe('NOT_FOUND');
    expect((await world.bob.api.token.list()).map((token) => token.id)).toContain(summary.id);
  });

  it(`an account holds at most ${API_TOKENS_PER_USER_LIMIT} tokens`, async () => {
    const held = (await world.bob.api.token.list()).length;
    for (let i = held; i < API_TOKENS_PER_USER_LIMIT; i++) {
      await world.bob.api.token.create({ name: `t${i}`, scope: 'read' });
    }
    const failure = await failureOf(
      world.bob.api.token.create({ name: 'one more', scope: 'read' }),
    );
    expect(failure.message).toMatch(/Revoke one/);
  });
});

describe('a caller with a token', () => {
  it('acts as its owner within the allow-list and its scope', async () => {
    const read = await world.ann.api.token.create({ name: 'read', scope: 'read' });
    const write = await world.ann.api.token.create({ name: 'write', scope: 'write' });
    const created = await tokenCaller(write.token).application.create(JOB);
    const board = await tokenCaller(read.token).application.list();
    expect(board.cards.map((card) => card.id)).toContain(created.id);
    const refused = await failureOf(tokenCaller(read.token).application.create(JOB));
    expect(refused.code).toBe('FORBIDDEN');
    const outside = await failureOf(tokenCaller(write.token).token.list());
    expect(outside.code).toBe('FORBIDDEN');
  });

  it('a revoked token stops at once', async () => {
    const { token, summary } = await world.ann.api.token.create({ name: 'gone', scope: 'read' });
    await world.ann.api.token.revoke({ id: summary.id });
    const failure = await failureOf(tokenCaller(token).application.list());
    expect(failure.code).toBe('UNAUTHORIZED');
  });
});

describe('the per-token throttle', () => {
  it('allows a burst, then refills at its rate', () => {
    let now = 0;
    const throttle = new TokenThrottle({ burst: 2, perSecond: 1 }, () => now);
    expect(throttle.take('a')).toBe(0);
    expect(throttle.take('a')).toBe(0);
    expect(throttle.take('a')).toBe(1);
    expect(throttle.take('b')).toBe(0);
    now = 1000;
    expect(throttle.take('a')).toBe(0);
    expect(throttle.take('a', 5)).toBe(2);
  });
});
