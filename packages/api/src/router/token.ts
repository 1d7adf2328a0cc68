// The person's tokens for scripts (issue 14): create (the raw token is in this
// one reply only), list, revoke. Never callable with a token itself
// (tokens/access.ts), so a leaked token cannot mint more or outlive revocation.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { API_TOKEN_SCOPES } from '@pursuit/db';
import { dateTime, id, listOr, oneOf, text } from '../fields';
import { createApiToken, listApiTokens, revokeApiToken } from '../tokens/service';
import { userProcedure } from '../trpc';

const createInput = z.object({
  name: text('Name the token.')
    .trim()
    .min(1, 'Name the token (what script will use it?).')
    .max(100, 'A token name can be at most 100 characters.'),
  scope: oneOf(API_TOKEN_SCOPES, `Scope must be ${listOr(API_TOKEN_SCOPES)}.`),
  expiresAt: dateTime('Use a date like 2027-01-31.')
    .refine((date) => date.getTime() > Date.now(), 'The expiry date must be in the future.')
    .nullish(),
});

export const tokenRouter = {
  /** `token` is the raw secret, shown once: only its hash is kept. */
  create: userProcedure
    .input(createInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.tx, ctx.user.id, input)),

  list: userProcedure.query(({ ctx }) => listApiTokens(ctx.tx, ctx.user.id)),

  revoke: userProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await revokeApiToken(ctx.tx, ctx.user.id, input.id);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
