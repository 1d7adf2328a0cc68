// Certificates and licences on the profile: list, add, edit, remove, reorder.
import type { TRPCRouterRecord } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { certifications, withUser } from '@pursuit/db';
import { notFound } from '../errors';
import {
  definedChanges,
  id,
  notBefore,
  optionalHttpUrl,
  optionalText,
  partialDate,
  reorderInput,
  requiredText,
} from '../fields';
import { listOrder, nextPosition, reorderRows } from '../ordering';
import { protectedProcedure } from '../trpc';

export const certificationFields = {
  name: requiredText('Enter the certificate’s name.', 'The name', 200),
  issuingOrganization: optionalText('The issuing organisation', 200),
  issueDate: partialDate,
  expiryDate: partialDate,
  credentialId: optionalText('The credential id', 200),
  url: optionalHttpUrl,
};

function checkDates(
  value: { issueDate?: string | null; expiryDate?: string | null },
  ctx: z.RefinementCtx,
) {
  if (!notBefore(value.expiryDate, value.issueDate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiryDate'],
      message: 'The expiry date cannot be before the issue date.',
    });
  }
}

export const createCertificationInput = z.object(certificationFields).superRefine(checkDates);

const updateCertificationInput = z
  .object({ id, ...certificationFields, name: certificationFields.name.optional() })
  .superRefine(checkDates);

export const certificationRouter = {
  list: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, (tx) =>
      tx
        .select()
        .from(certifications)
        .where(eq(certifications.userId, ctx.user.id))
        .orderBy(...listOrder(certifications)),
    ),
  ),

  create: protectedProcedure.input(createCertificationInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const position = await nextPosition(tx, certifications, ctx.user.id);
      const [row] = await tx
        .insert(certifications)
        .values({ ...input, userId: ctx.user.id, position })
        .returning();
      return row!;
    }),
  ),

  update: protectedProcedure.input(updateCertificationInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const { id: certificationId, ...changes } = input;
      const [row] = await tx
        .update(certifications)
        .set(definedChanges(changes))
        .where(eq(certifications.id, certificationId))
        .returning();
      if (!row) throw notFound('Certification');
      return row;
    }),
  ),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(certifications)
        .where(eq(certifications.id, input.id))
        .returning({ id: certifications.id });
      if (!row) throw notFound('Certification');
      return row;
    }),
  ),

  reorder: protectedProcedure.input(reorderInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      await reorderRows(tx, certifications, ctx.user.id, input.ids, 'Certification');
      return tx
        .select()
        .from(certifications)
        .where(eq(certifications.userId, ctx.user.id))
        .orderBy(...listOrder(certifications));
    }),
  ),
} satisfies TRPCRouterRecord;
