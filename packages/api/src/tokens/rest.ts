// The scripts' REST API at /api/v1 (issue 14), described by /api/openapi.json.
// Each route is a thin door onto the tRPC procedure of the same path, called
// with the request's own context: the token gate (tokens/access.ts), RLS and
// every rule run exactly as over /trpc. trpc-to-openapi serves these routes as
// plain JSON (no superjson) and generates the OpenAPI document from them; the
// app router itself stays untouched, so the web app's types do not change.
import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import {
  applications,
  applicationStageHistory,
  contacts,
  interviews,
  priority,
  SENT_KINDS,
  stage,
} from '@pursuit/db';
import { id, oneOf, text, listOr } from '../fields';
import { appRouter } from '../root';
import { createApplicationInput, updateApplicationInput, stageSchema } from '../router/application';
import { createCallerFactory, createTRPCRouter, publicProcedure } from '../trpc';

const callerOf = createCallerFactory(appRouter);

const TAGS = ['applications'];

const applicationSchema = createSelectSchema(applications).omit({ searchVector: true });
const cardSchema = applicationSchema
  .omit({ jobDescription: true })
  .extend({ unreadComments: z.number().int() });
const accessSchema = z.object({
  ownerId: z.uuid(),
  role: z.enum(['owner', 'viewer', 'commenter', 'editor']),
});

const boardSchema = z.object({
  cards: z.array(cardSchema),
  truncated: z.boolean().describe('More cards matched than the board holds (5,000).'),
  access: accessSchema,
});

const detailSchema = applicationSchema.extend({
  company: z.object({ id: z.uuid(), name: z.string(), website: z.string().nullable() }),
  history: z.array(createSelectSchema(applicationStageHistory)),
  historyTruncated: z.boolean(),
  interviews: z.array(createSelectSchema(interviews)),
  interviewsTruncated: z.boolean(),
  contacts: z.array(createSelectSchema(contacts)),
  contactsTruncated: z.boolean(),
  sent: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(SENT_KINDS),
      label: z.string(),
      resumeId: z.uuid().nullable(),
      documentVersionId: z.uuid().nullable(),
      content: z.string(),
      sentAt: z.date(),
    }),
  ),
  access: accessSchema,
});

/** Query parameters arrive as text: the board's filters, coerced. */
const listQuery = z.object({
  stage: stageSchema.optional(),
  priority: oneOf(
    priority.enumValues,
    `Priority must be ${listOr(priority.enumValues)}.`,
  ).optional(),
  search: text().trim().max(200, 'Search for at most 200 characters.').optional(),
  includeArchived: z
    .enum(['true', 'false'], { error: 'includeArchived must be true or false.' })
    .optional()
    .transform((value) => value === 'true'),
  ownerId: id.optional().describe('A search shared with you; your own by default.'),
});

export const restRouter = createTRPCRouter({
  application: createTRPCRouter({
    list: publicProcedure
      .meta({
        openapi: {
          method: 'GET',
          path: '/applications',
          tags: TAGS,
          summary: 'List the board',
          description:
            'The cards of a board (without job descriptions) in column order. Needs a read or write token.',
          protect: true,
        },
      })
      .input(listQuery)
      .output(boardSchema)
      .query(({ ctx, input }) => callerOf(ctx).application.list(input)),

    byId: publicProcedure
      .meta({
        openapi: {
          method: 'GET',
          path: '/applications/{id}',
          tags: TAGS,
          summary: 'One application',
          description: 'An application with its company, stage history, interviews and contacts.',
          protect: true,
        },
      })
      .input(z.object({ id }))
      .output(detailSchema)
      .query(({ ctx, input }) => callerOf(ctx).application.byId(input)),

    create: publicProcedure
      .meta({
        openapi: {
          method: 'POST',
          path: '/applications',
          tags: TAGS,
          summary: 'Add an application',
          description:
            'Adds a card at the end of its column (stage "interested" by default). Needs a write token.',
          protect: true,
        },
      })
      .input(createApplicationInput)
      .output(applicationSchema)
      .mutation(({ ctx, input }) => callerOf(ctx).application.create(input)),

    update: publicProcedure
      .meta({
        openapi: {
          method: 'PATCH',
          path: '/applications/{id}',
          tags: TAGS,
          summary: 'Change an application',
          description:
            'Changes the fields given. `version` is the version you read; a newer one answers 409 CONFLICT. Needs a write token.',
          protect: true,
        },
      })
      .input(updateApplicationInput)
      .output(applicationSchema)
      .mutation(({ ctx, input }) => callerOf(ctx).application.update(input)),

    move: publicProcedure
      .meta({
        openapi: {
          method: 'POST',
          path: '/applications/{id}/move',
          tags: TAGS,
          summary: 'Move to another stage',
          description: `Moves the card to the end of a stage's column (${stage.enumValues.join(', ')}). Needs a write token.`,
          protect: true,
        },
      })
      .input(z.object({ id, stage: stageSchema, rejectionReason: z.string().max(500).nullish() }))
      .output(applicationSchema)
      .mutation(({ ctx, input }) => callerOf(ctx).application.move(input)),
  }),
});

export type RestRouter = typeof restRouter;
