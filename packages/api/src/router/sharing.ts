// Sharing a search (ARCHITECTURE.md, "Sharing and collaborators"): invitation
// links, accepting one, the people on each side of a share, and the overview
// of searches shared with the caller. The rules are in services/sharing.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { shareRole } from '@pursuit/db';
import { id, listOr, oneOf, text } from '../fields';
import {
  acceptInvitation,
  cancelInvitation,
  createInvitation,
  leaveShare,
  listInvitations,
  listPeople,
  listShares,
  overview,
  previewInvitation,
  revokeShare,
  updateShare,
} from '../services/sharing';
import { publicProcedure, userProcedure } from '../trpc';

const role = oneOf(shareRole.enumValues, `Role must be ${listOr(shareRole.enumValues)}.`);
const email = text()
  .trim()
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like name@example.com.'));
// The link is checked against the database; a string that cannot be one is simply unknown.
const token = text().max(200, 'That invitation link is not valid.');

export const sharingRouter = {
  invite: userProcedure
    .input(
      z.object({
        role,
        // A cleared form field sends ''.
        email: z.union([z.literal('').transform(() => null), email]).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => createInvitation(ctx.tx, ctx.user.id, input, ctx.publicOrigin)),

  invitations: userProcedure.query(({ ctx }) => listInvitations(ctx.tx, ctx.user.id)),

  cancelInvitation: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => cancelInvitation(ctx.tx, ctx.user.id, input.id)),

  /** Public: the invitation page shows whose search it is before the person signs in. */
  preview: publicProcedure
    .input(z.object({ token }))
    .query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),

  accept: userProcedure
    .input(z.object({ token }))
    .mutation(({ ctx, input }) => acceptInvitation(ctx.tx, input.token)),

  list: userProcedure.query(({ ctx }) => listShares(ctx.tx, ctx.user.id)),

  update: userProcedure
    .input(z.object({ id, role }))
    .mutation(({ ctx, input }) => updateShare(ctx.tx, ctx.user.id, input.id, input.role)),

  revoke: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => revokeShare(ctx.tx, ctx.user.id, input.id)),

  leave: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => leaveShare(ctx.tx, ctx.user.id, input.id)),

  people: userProcedure
    .input(z.object({ ownerId: id }))
    .query(({ ctx, input }) => listPeople(ctx.tx, input.ownerId)),

  overview: userProcedure.query(({ ctx }) => overview(ctx.tx, ctx.user.id)),
} satisfies TRPCRouterRecord;
