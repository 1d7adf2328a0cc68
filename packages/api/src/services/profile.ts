// The person's profile row, created with the account: read it, change it.
import { eq } from 'drizzle-orm';
import { profiles, type Tx } from '@pursuit/db';
import { notFound } from '../errors';
import { definedChanges } from '../fields';

type ProfileChanges = Partial<Omit<typeof profiles.$inferInsert, 'userId'>>;

export async function getProfile(tx: Tx, userId: string) {
  const [row] = await tx.select().from(profiles).where(eq(profiles.userId, userId));
  if (!row) throw notFound('Profile');
  return row;
}

export async function updateProfile(tx: Tx, userId: string, input: ProfileChanges) {
  const [row] = await tx
    .update(profiles)
    .set(definedChanges(input))
    .where(eq(profiles.userId, userId))
    .returning();
  if (!row) throw notFound('Profile');
  return row;
}
