// Job applications: the board's list, the detail view, and every change to a
// card. Another user's id is NOT_FOUND (RLS hides the row), never FORBIDDEN.
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, getTableColumns, isNull, max, sql, type SQL } from 'drizzle-orm';
import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';
import {
  applicationStageHistory,
  applications,
  companies,
  contacts,
  interviews,
  STAGES,
  withUser,
  type Application,
  type Tx,
} from '@pursuit/db';
import { notFound, VersionConflict } from '../errors';
import { protectedProcedure } from '../trpc';

export const stageSchema = z.enum(STAGES, { error: `Stage must be one of: ${STAGES.join(', ')}.` });
const prioritySchema = z.enum(['low', 'medium', 'high'], {
  error: 'Priority must be low, medium or high.',
});
const id = z.uuid('That is not a valid id.');
const optionalText = (label: string, maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength, `${label} can be at most ${maxLength} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullish();
const money = z
  .number()
  .int('Salaries are whole numbers.')
  .min(0, 'Salaries cannot be negative.')
  .max(100_000_000, 'That salary is too large.')
  .nullish();

/** A fractional-indexing key, as the board computes between two cards. */
const positionKey = z
  .string()
  .max(128, 'That position is not valid.')
  .refine((key) => {
    try {
      generateKeyBetween(key, null);
      return true;
    } catch {
      return false;
    }
  }, 'That position is not valid.');

const editableFields = {
  companyName: z
    .string()
    .trim()
    .min(1, 'Enter the company name.')
    .max(200, 'The company name can be at most 200 characters.'),
  roleTitle: z
    .string()
    .trim()
    .min(1, 'Enter the role title.')
    .max(200, 'The role title can be at most 200 characters.'),
  jobDescription: z
    .string()
    .trim()
    .min(50, 'Paste the job description (at least 50 characters) so Pursuit can match it.')
    .max(100_000, 'The job description can be at most 100,000 characters.'),
  jobUrl: z
    .string()
    .trim()
    .max(2048, 'The job URL is too long.')
    .regex(/^https?:\/\/\S+$/i, 'The job URL must start with http:// or https://.')
    .or(z.literal('').transform(() => null))
    .nullish(),
  location: optionalText('Location', 200),
  workArrangement: z
    .enum(['remote', 'hybrid', 'onsite'], {
      error: 'Work arrangement must be remote, hybrid or onsite.',
    })
    .nullish(),
  employmentType: z
    .enum(['full_time', 'part_time', 'contract', 'freelance', 'internship'], {
      error: 'Employment type must be full_time, part_time, contract, freelance or internship.',
    })
    .nullish(),
  salaryMin: money,
  salaryMax: money,
  salaryCurrency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code, like USD or EUR.')
    .transform((v) => v.toUpperCase())
    .nullish(),
  priority: prioritySchema.optional(),
  stage: stageSchema.optional(),
  notes: optionalText('Notes', 100_000),
  source: optionalText('Source', 200),
  followUpOn: z.iso.date('Use a date like 2026-12-31.').nullish(),
};

const salaryOrder = <T extends { salaryMin?: number | null; salaryMax?: number | null }>(v: T) =>
  v.salaryMin == null || v.salaryMax == null || v.salaryMin <= v.salaryMax;
const salaryOrderMessage = {
  message: 'The minimum salary cannot be above the maximum.',
  path: ['salaryMin'],
};

export const createApplicationInput = z
  .object({
    ...editableFields,
    priority: prioritySchema.default('medium'),
    stage: stageSchema.default('interested'),
  })
  .refine(salaryOrder, salaryOrderMessage);

export const updateApplicationInput = z
  .object({
    id,
    version: z.number().int().positive(),
    ...(Object.fromEntries(Object.entries(editableFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof editableFields]: z.ZodOptional<(typeof editableFields)[K]>;
    }),
  })
  .refine(salaryOrder, salaryOrderMessage);

// The board does not need the search vector; the detail view adds the rest.
const { searchVector: _searchVector, ...applicationColumns } = getTableColumns(applications);

/** Finds or creates the shared company row for `name` (case-insensitive). */
export async function companyIdFor(tx: Tx, name: string): Promise<string> {
  const rows = await tx.execute<{ id: string }>(sql`
    with inserted as (
      insert into companies (name) values (${name})
      on conflict ((lower(name))) do nothing
      returning id
    )
    select id from inserted
    union all
    select id from companies where lower(name) = lower(${name})
    limit 1`);
  const row = rows[0];
  if (!row) throw new Error(`company ${name} could not be resolved`);
  return row.id;
}

async function lastPositionIn(tx: Tx, userId: string, stage: Application['stage']) {
  const [row] = await tx
    .select({ last: max(applications.position) })
    .from(applications)
    .where(and(eq(applications.userId, userId), eq(applications.stage, stage)));
  return row?.last ?? null;
}

async function readApplication(tx: Tx, applicationId: string) {
  const [row] = await tx
    .select(applicationColumns)
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row;
}

export const applicationRouter = {
  list: protectedProcedure
    .input(
      z
        .object({
          stage: stageSchema.optional(),
          search: z.string().trim().max(200, 'Search for at most 200 characters.').optional(),
          priority: prioritySchema.optional(),
          includeArchived: z.boolean().default(false),
        })
        .default({ includeArchived: false }),
    )
    .query(({ ctx, input }) => {
      const filters: SQL[] = [];
      if (input.stage) filters.push(eq(applications.stage, input.stage));
      if (input.priority) filters.push(eq(applications.priority, input.priority));
      if (!input.includeArchived) filters.push(isNull(applications.archivedAt));
      if (input.search) {
        filters.push(
          sql`${applications.searchVector} @@ websearch_to_tsquery('english', ${input.search})`,
        );
      }
      const { jobDescription: _jd, ...cardColumns } = applicationColumns;
      return withUser(ctx.db, ctx.user.id, (tx) =>
        tx
          .select(cardColumns)
          .from(applications)
          .where(and(...filters))
          .orderBy(asc(applications.stage), asc(applications.position), asc(applications.id)),
      );
    }),

  byId: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const application = await readApplication(tx, input.id);
      if (!application) throw notFound('Application');
      const [company, history, interviewRows, contactRows] = await Promise.all([
        tx.select().from(companies).where(eq(companies.id, application.companyId)),
        tx
          .select()
          .from(applicationStageHistory)
          .where(eq(applicationStageHistory.applicationId, input.id))
          .orderBy(asc(applicationStageHistory.changedAt), asc(applicationStageHistory.id)),
        tx
          .select()
          .from(interviews)
          .where(eq(interviews.applicationId, input.id))
          .orderBy(asc(interviews.scheduledAt)),
        tx
          .select()
          .from(contacts)
          .where(eq(contacts.applicationId, input.id))
          .orderBy(asc(contacts.createdAt)),
      ]);
      return {
        ...application,
        company: company[0]!,
        history,
        interviews: interviewRows,
        contacts: contactRows,
      };
    }),
  ),

  create: protectedProcedure.input(createApplicationInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const { companyName, ...fields } = input;
      const companyId = await companyIdFor(tx, companyName);
      const last = await lastPositionIn(tx, ctx.user.id, input.stage);
      const [row] = await tx
        .insert(applications)
        .values({
          ...fields,
          userId: ctx.user.id,
          companyId,
          companyName,
          position: generateKeyBetween(last, null),
        })
        .returning(applicationColumns);
      return row!;
    }),
  ),

  update: protectedProcedure.input(updateApplicationInput).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const { id: applicationId, version, companyName, ...fields } = input;
      const changes: Partial<typeof applications.$inferInsert> = { ...fields };
      if (companyName !== undefined) changes.companyId = await companyIdFor(tx, companyName);
      if (Object.keys(changes).length === 0) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Nothing to change.' });
      }
      const [row] = await tx
        .update(applications)
        .set(changes)
        .where(and(eq(applications.id, applicationId), eq(applications.version, version)))
        .returning(applicationColumns);
      if (row) return row;
      const current = await readApplication(tx, applicationId);
      if (!current) throw notFound('Application');
      throw new TRPCError({
        code: 'CONFLICT',
        message: 'This application was changed elsewhere since you loaded it.',
        cause: new VersionConflict(current),
      });
    }),
  ),

  move: protectedProcedure
    .input(z.object({ id, stage: stageSchema, position: positionKey.optional() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const position =
          input.position ??
          generateKeyBetween(await lastPositionIn(tx, ctx.user.id, input.stage), null);
        const [row] = await tx
          .update(applications)
          .set({ stage: input.stage, position })
          .where(eq(applications.id, input.id))
          .returning(applicationColumns);
        if (!row) throw notFound('Application');
        return row;
      }),
    ),

  archive: protectedProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) =>
      setArchived(ctx.db, ctx.user.id, input.id, sql`coalesce(${applications.archivedAt}, now())`),
    ),

  unarchive: protectedProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => setArchived(ctx.db, ctx.user.id, input.id, null)),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) =>
    withUser(ctx.db, ctx.user.id, async (tx) => {
      const [row] = await tx
        .delete(applications)
        .where(eq(applications.id, input.id))
        .returning({ id: applications.id });
      if (!row) throw notFound('Application');
      return { id: row.id };
    }),
  ),
} satisfies TRPCRouterRecord;

function setArchived(
  db: Parameters<typeof withUser>[0],
  userId: string,
  applicationId: string,
  value: SQL | null,
) {
  return withUser(db, userId, async (tx) => {
    const [row] = await tx
      .update(applications)
      .set({ archivedAt: value })
      .where(eq(applications.id, applicationId))
      .returning(applicationColumns);
    if (!row) throw notFound('Application');
    return row;
  });
}
