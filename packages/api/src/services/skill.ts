// Skills on the profile. One per name whatever its case (the database's
// unique index makes a second "react" a CONFLICT naming the first); every
// list and export orders them primary first, then by name.
import { asc, desc, eq, sql } from 'drizzle-orm';
import { skills, type Tx } from '@pursuit/db';
import { definedChanges } from '../fields';
import { PROFILE_LIST_LIMIT } from '../limits';
import { makeRoom } from './caps';
import { deleteOwned, insertOwned, updateOwned, type NewRow } from './rows';

/** Primary skills first, then alphabetical: the order every list and export uses. */
export const skillOrder = [desc(skills.isPrimary), asc(sql`lower(${skills.name})`), asc(skills.id)];

export function listSkills(tx: Tx, userId: string) {
  return tx
    .select()
    .from(skills)
    .where(eq(skills.userId, userId))
    .orderBy(...skillOrder)
    .limit(PROFILE_LIST_LIMIT);
}

export async function addSkill(tx: Tx, userId: string, input: NewRow<typeof skills>) {
  await makeRoom(tx, skills, userId);
  return insertOwned(tx, skills, userId, input);
}

export function updateSkill(tx: Tx, skillId: string, changes: Partial<NewRow<typeof skills>>) {
  return updateOwned(tx, skills, skillId, definedChanges(changes), 'Skill');
}

export function removeSkill(tx: Tx, skillId: string) {
  return deleteOwned(tx, skills, skillId, 'Skill');
}
