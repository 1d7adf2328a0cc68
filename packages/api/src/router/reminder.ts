// What is due: follow-ups, interviews soon, offer deadlines soon, applications
// gone quiet (services/reminder.ts), for the Today panel and the notification centre.
import type { TRPCRouterRecord } from '@trpc/server';
import { ownerInput } from '../services/access';
import { listReminders } from '../services/reminder';
import { userProcedure } from '../trpc';

export const reminderRouter = {
  list: userProcedure
    .input(ownerInput)
    .query(({ ctx, input }) => listReminders(ctx.tx, ctx.user.id, input, ctx.ghostedAfterDays)),
} satisfies TRPCRouterRecord;
