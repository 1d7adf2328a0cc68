// People connected to an application (recruiter, hiring manager, referrer).
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, withUser } from '@pursuit/db';
import { notFound } from '../errors';
import { protectedProcedure } from '../trpc';

const id = z.uuid('That is not a valid id.');
const optional = (label: string, max: number) =>
  z.string().trim().max(max, `${label} can be at most ${max} characters.`).nullish();
const fields = {
  role: optional('Role', 200),
  email: z
    .string()
    .trim()
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter a valid email address.'))
    .or(z.literal('').transform(() => null))
    .nullish(),
  phone: optional('Phone', 50),
  notes: optional('Notes', 100_000),
};
const name = z
  .string()
  .trim()
  .min(1, 'Enter the contact’s name.')
  .max(200, 'Name can be at most 200 characters.');

export const contactRouter = {
  create: protectedProcedure
    .input(z.object({ applicationId: id, name, ...fields }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const [row] = await tx
          .insert(contacts)
          .values({ ...input, userId: ctx.user.id })
          .returning();
        return row!;
      }),
    ),

  update: protectedProcedure
    .input(z.object({ id, name: name.optional(), ...fields }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const { id: contactId, ...changes } = input;
        const [row] = await tx
          .update(contacts)
          .set(changes)
          .where(eq(contacts.id, contactId))
          .returning();
        if (!row) throw notFound('Contact');
        return row;
      }),
    ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(contacts)
        .where(eq(contacts.id, input.id))
        .returning({ id: contacts.id });
      if (!row) throw notFound('Contact');
      return row;
    }),
  ),
} satisfies TRPCRouterRecord;
