// The sync router where no live feed runs (noLiveFeed): the cursor says so
// plainly instead of inventing a position.
import { describe, expect, it } from 'vitest';
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
