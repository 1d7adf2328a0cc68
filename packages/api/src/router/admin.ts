// The admin page of an instance: its accounts, disabling one, making another
// admin. pursuit.is_admin decides, in the database (services/admin.ts).
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { userRole } from '@pursuit/db';
import { id, listOr, oneOf } from '../fields';
import { listAccounts, setDisabled, setRole } from '../services/admin';
import { userProcedure } from '../trpc';

export const adminRouter = {
  accounts: userProcedure.query(({ ctx }) => listAccounts(ctx.tx)),

  setDisabled: userProcedure
    .input(z.object({ userId: id, disabled: z.boolean('Say whether to disable the account.') }))
    .mutation(({ ctx, input }) => setDisabled(ctx.tx, input.userId, input.disabled)),

  setRole: userProcedure
    .input(
      z.object({
        userId: id,
        role: oneOf(userRole.enumValues, `Role must be ${listOr(userRole.enumValues)}.`),
      }),
    )
    .mutation(({ ctx, input }) => setRole(ctx.tx, input.userId, input.role)),
} satisfies TRPCRouterRecord;
