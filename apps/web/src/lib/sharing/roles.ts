// What each role may do, in the words the Share dialog, the switcher and the
// invitation page use. Typed Record<Role, string>, so a new role fails the
// type check until it is labelled.
import type { AccessRole, ShareRole } from '$lib/api/types';

export const ROLE_LABELS: Record<AccessRole, string> = {
  owner: 'Owner',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

export const SHARE_ROLES: readonly ShareRole[] = ['viewer', 'commenter', 'editor'];

export const ROLE_DESCRIPTIONS: Record<ShareRole, string> = {
  viewer: 'sees the board, applications, profile and resumes',
  commenter: 'can also comment on applications',
  editor: 'can also move cards, edit applications and generate documents',
};

export function isShareRole(value: string): value is ShareRole {
  return (SHARE_ROLES as readonly string[]).includes(value);
}

/** "Sam's" — the possessive of a display name. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
