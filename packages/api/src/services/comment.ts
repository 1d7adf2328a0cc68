// Comments on an application, by its owner and the people it is shared with
// as commenter or editor. RLS (migration 0012) decides who reads and writes;
// this names the NOT_FOUND or FORBIDDEN a person gets, resolves @mentions to
// people with access, and keeps each person's "read up to" per application.
import { TRPCError } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { applications, commentReads, comments, type Comment, type Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { peopleWithAccess, type AccessRole, type PersonWithAccess } from './sharing';

/** Comments comment.list returns: the newest, shown oldest first. */
export const COMMENT_LIST_LIMIT = 500;
/** Most people one comment may mention (comments_mentions_count). */
const MENTION_LIMIT = 50;

export interface CommentView {
  id: string;
  author: { id: string; name: string } | null;
  body: string;
  mentions: string[];
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  mine: boolean;
}

const FORMER_COLLABORATOR = 'A former collaborator';

function view(row: Comment, userId: string, names: Map<string, string>): CommentView {
  return {
    id: row.id,
    author: row.authorId
      ? { id: row.authorId, name: names.get(row.authorId) ?? FORMER_COLLABORATOR }
      : null,
    body: row.body,
    mentions: row.mentions,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deletedAt: row.deletedAt,
    mine: row.authorId === userId,
  };
}

/** The application's owner, when the caller may read it (private ones: its owner only). */
async function readableApplication(tx: Tx, applicationId: string) {
  const [row] = await tx
    .select({ id: applications.id, ownerId: applications.userId })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!row) throw notFound('Application');
  return row;
}

function roleOf(people: PersonWithAccess[], userId: string): AccessRole | null {
  return people.find((person) => person.id === userId)?.role ?? null;
}

function cannotComment(people: PersonWithAccess[]): TRPCError {
  const owner = people.find((person) => person.role === 'owner')?.name ?? 'this person';
  return new TRPCError({
    code: 'FORBIDDEN',
    message: `You can view ${owner}’s search but not comment on it.`,
  });
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The people with access named as "@Display Name" in `body` (any letter case;
 * the longest name wins, so "@Sam Lee" is not read as "@Sam"). The author is
 * never mentioned by themselves; two people sharing a name are both mentioned.
 */
export function resolveMentions(
  body: string,
  people: PersonWithAccess[],
  authorId: string,
): string[] {
  const named = people
    .filter((person) => person.id !== authorId && person.name.trim() !== '')
    .sort((a, b) => b.name.length - a.name.length);
  if (named.length === 0) return [];
  const byName = new Map<string, string[]>();
  for (const person of named) {
    const key = person.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), person.id]);
  }
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])@(${[...byName.keys()].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`,
    'giu',
  );
  const found = new Set<string>();
  for (const match of body.matchAll(pattern)) {
    for (const id of byName.get(match[1]!.toLowerCase()) ?? []) found.add(id);
  }
  return [...found].slice(0, MENTION_LIMIT);
}

/** Authors' names for the comments of `applicationId` (pursuit.comment_authors). */
async function authorNames(tx: Tx, applicationId: string): Promise<Map<string, string>> {
  const rows = await tx.execute<{ user_id: string; display_name: string }>(
    sql`select user_id, display_name from pursuit.comment_authors(${applicationId}::uuid)`,
  );
  return new Map(rows.map((row) => [row.user_id, row.display_name]));
}

export async function listComments(
  tx: Tx,
  userId: string,
  applicationId: string,
): Promise<CommentView[]> {
  const app = await readableApplication(tx, applicationId);
  const rows = await tx
    .select()
    .from(comments)
    .where(and(eq(comments.applicationId, app.id), eq(comments.ownerId, app.ownerId)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(COMMENT_LIST_LIMIT);
  const names = await authorNames(tx, app.id);
  return rows.reverse().map((row) => view(row, userId, names));
}

export async function createComment(
  tx: Tx,
  userId: string,
  input: { applicationId: string; body: string },
): Promise<CommentView> {
  const app = await readableApplication(tx, input.applicationId);
  const people = await peopleWithAccess(tx, app.ownerId);
  const role = roleOf(people, userId);
  if (role === null) throw notFound('Application');
  if (role === 'viewer') throw cannotComment(people);
  const [row] = await tx
    .insert(comments)
    .values({
      ownerId: app.ownerId,
      applicationId: app.id,
      authorId: userId,
      body: input.body,
      mentions: resolveMentions(input.body, people, userId),
    })
    .returning();
  const names = new Map(people.map((person) => [person.id, person.name]));
  return view(row!, userId, names);
}

/** A comment the caller may read, or NOT_FOUND. */
async function readableComment(tx: Tx, id: string) {
  const [row] = await tx.select().from(comments).where(eq(comments.id, id));
  if (!row) throw notFound('Comment');
  return row;
}

function alreadyDeleted(): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message: 'That comment was deleted.' });
}

export async function updateComment(
  tx: Tx,
  userId: string,
  input: { id: string; body: string },
): Promise<CommentView> {
  const current = await readableComment(tx, input.id);
  if (current.authorId !== userId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only its author can edit a comment.' });
  }
  if (current.deletedAt) throw alreadyDeleted();
  const people = await peopleWithAccess(tx, current.ownerId);
  if (roleOf(people, userId) === 'viewer') throw cannotComment(people);
  const [row] = await tx
    .update(comments)
    .set({ body: input.body, mentions: resolveMentions(input.body, people, userId) })
    .where(eq(comments.id, current.id))
    .returning();
  const names = new Map(people.map((person) => [person.id, person.name]));
  return view(row!, userId, names);
}

/** Soft delete: the thread keeps "comment deleted". Deleting it again changes nothing. */
export async function deleteComment(tx: Tx, userId: string, id: string): Promise<CommentView> {
  const current = await readableComment(tx, id);
  if (current.authorId !== userId && current.ownerId !== userId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Only its author or the owner of the search can delete a comment.',
    });
  }
  const names = await authorNames(tx, current.applicationId);
  if (current.deletedAt) return view(current, userId, names);
  const [row] = await tx
    .update(comments)
    .set({ deletedAt: sql`now()` })
    .where(eq(comments.id, current.id))
    .returning();
  return view(row!, userId, names);
}

/** Marks the application's comments read up to now, for the caller only. */
export async function markCommentsRead(
  tx: Tx,
  userId: string,
  applicationId: string,
): Promise<{ readAt: Date }> {
  const app = await readableApplication(tx, applicationId);
  const [row] = await tx
    .insert(commentReads)
    .values({ userId, applicationId: app.id, ownerId: app.ownerId, readAt: sql`now()` })
    .onConflictDoUpdate({
      target: [commentReads.userId, commentReads.applicationId],
      set: { readAt: sql`excluded.read_at` },
    })
    .returning({ readAt: commentReads.readAt });
  return row!;
}
