// The person's secret calendar feed: make it (its URL shown once), see whether
// one exists, rotate it (the old URL stops working) or turn it off.
import type { TRPCRouterRecord } from '@trpc/server';
import {
  calendarFeedStatus,
  disableCalendarFeed,
  ensureCalendarFeed,
  rotateCalendarFeed,
} from '../services/calendar';
import { userProcedure } from '../trpc';

export const calendarRouter = {
  /** Makes the feed when there is none and returns its URL; an existing feed's URL is null. */
  feedUrl: userProcedure.mutation(({ ctx }) =>
    ensureCalendarFeed(ctx.tx, ctx.user.id, ctx.publicOrigin),
  ),
  /** Whether a feed exists and since when, without making one. */
  status: userProcedure.query(({ ctx }) => calendarFeedStatus(ctx.tx, ctx.user.id)),
  rotate: userProcedure.mutation(({ ctx }) =>
    rotateCalendarFeed(ctx.tx, ctx.user.id, ctx.publicOrigin),
  ),
  disable: userProcedure.mutation(({ ctx }) => disableCalendarFeed(ctx.tx, ctx.user.id)),
} satisfies TRPCRouterRecord;
