// The signed-in person's own account settings beyond sign-in (router/auth.ts
// keeps sessions, name and password): the daily email digest opt-in.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { accountSettings, setEmailDigest } from '../services/account';
import { userProcedure } from '../trpc';

export const accountRouter = {
  /** The account with its settings (`emailDigest`), and whether this server can send mail. */
  me: userProcedure.query(async ({ ctx }) => ({
    ...(await accountSettings(ctx.tx, ctx.user.id)),
    digestAvailable: ctx.digestAvailable,
  })),

  setEmailDigest: userProcedure
    .input(
      z.object({
        enabled: z.boolean({ error: 'Say whether to send the digest (true or false).' }),
      }),
    )
    .mutation(({ ctx, input }) => setEmailDigest(ctx.tx, ctx.user.id, input.enabled)),
} satisfies TRPCRouterRecord;
