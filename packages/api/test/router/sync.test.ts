// The sync router where no live feed runs (noLiveFeed): the cursor says so
// plainly instead of inventing a position. On a connection that bounds its
// subscriptions (the WebSocket), the one past the bound is refused.
import { describe, expect, it } from 'vitest';
import {
  appRouter,
  createCallerFactory,
  createContextInner,
  LiveHub,
  noDocumentServices,
} from '../../src/server';
import { callerFor, failureOf, setUp } from '../support/accounts';

const world = setUp('ada');

describe('sync.cursor', () => {
  it('without a live feed the cursor is PRECONDITION_FAILED with a message', async () => {
    expect(await failureOf(world.ada.api.sync.cursor())).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Live updates are not available on this connection.',
    });
  });

  it('without a session the cursor is UNAUTHORIZED', async () => {
    const anonymous = callerFor(world.t, null);
    expect((await failureOf(anonymous.sync.cursor())).code).toBe('UNAUTHORIZED');
  });
});

describe('issue 10: sync.changes holds at most subscriptionLimit subscriptions per connection', () => {
  const createCaller = createCallerFactory(appRouter);

  it('the one past the limit is TOO_MANY_REQUESTS with a message; an aborted one frees its place', async () => {
    const hub = new LiveHub({ owner: world.t.owner, app: world.t.app });
    await hub.start();
    try {
      // One context per connection, as the WebSocket builds it.
      const ctx = createContextInner({
        db: world.t.app,
        feed: hub,
        documents: noDocumentServices,
        sessionToken: world.ada.token,
        revalidateEveryCall: true,
        subscriptionLimit: 2,
      });
      const first = new AbortController();
      const second = new AbortController();
      await createCaller(ctx, { signal: first.signal }).sync.changes({});
      await createCaller(ctx, { signal: second.signal }).sync.changes({});
      expect(await failureOf(createCaller(ctx).sync.changes({}))).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message:
          'This connection already has 2 live subscriptions open; stop one before opening another.',
      });
      first.abort();
      const third = new AbortController();
      await createCaller(ctx, { signal: third.signal }).sync.changes({});
      expect(ctx.subscriptions.open).toBe(2);
      second.abort();
      third.abort();
      expect(ctx.subscriptions.open).toBe(0);
    } finally {
      await hub.stop();
    }
  });
});
