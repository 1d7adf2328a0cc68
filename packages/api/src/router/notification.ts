// The notification centre: a person's notifications, newest first, with the
// unread count, and marking them read.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { id } from '../fields';
import {
  listNotifications,
  markNotificationsRead,
  NOTIFICATION_LIST_DEFAULT,
  NOTIFICATION_LIST_MAX,
} from '../services/notification';
import { userProcedure } from '../trpc';

export const notificationRouter = {
  list: userProcedure
    .input(
      z
        .object({
          limit: z
            .number()
            .int('The limit is a whole number.')
            .min(1, 'Ask for at least 1 notification.')
            .max(NOTIFICATION_LIST_MAX, `Ask for at most ${NOTIFICATION_LIST_MAX} notifications.`)
            .optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      listNotifications(ctx.tx, ctx.user.id, input?.limit ?? NOTIFICATION_LIST_DEFAULT),
    ),

  /** No ids: every unread notification. */
  markRead: userProcedure
    .input(
      z
        .object({
          ids: z
            .array(id)
            .max(NOTIFICATION_LIST_MAX, `Mark at most ${NOTIFICATION_LIST_MAX} at once.`)
            .optional(),
        })
        .optional(),
    )
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.tx, ctx.user.id, input?.ids)),
} satisfies TRPCRouterRecord;
