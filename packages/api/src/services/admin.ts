// An instance's admin: the accounts on it, disabling one (its sessions end at
// once) and making another person admin. The definer functions of migration
// 0012 check that the caller is an admin; this names their refusals.
import { sql } from 'drizzle-orm';
import type { Tx } from '@pursuit/db';
import { withSqlStates } from './sqlstate';

const refusals = {
  '42501': 'FORBIDDEN',
  P0002: 'NOT_FOUND',
  PS004: 'BAD_REQUEST',
  PS005: 'BAD_REQUEST',
} as const;

type AccountRow = {
  id: string;
  email: string;
  display_name: string;
  role: 'user' | 'admin';
  created_at: string | Date;
  last_active_at: string | Date | null;
  disabled_at: string | Date | null;
  applications: string | number;
};

const at = (value: string | Date | null) => (value === null ? null : new Date(value));

function account(row: AccountRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role,
    createdAt: new Date(row.created_at),
    lastActiveAt: at(row.last_active_at),
    disabledAt: at(row.disabled_at),
    applications: Number(row.applications),
  };
}

export type AdminAccount = ReturnType<typeof account>;

export async function listAccounts(tx: Tx): Promise<AdminAccount[]> {
  const rows = await withSqlStates(refusals, () =>
    tx.execute<AccountRow>(sql`select * from pursuit.admin_accounts()`),
  );
  return rows.map(account);
}

// Each returns what it set rather than re-reading the list: an admin who
// makes themselves a user may no longer read it.
export async function setDisabled(tx: Tx, userId: string, disabled: boolean) {
  await withSqlStates(refusals, () =>
    tx.execute(sql`select pursuit.admin_set_disabled(${userId}::uuid, ${disabled})`),
  );
  return { id: userId, disabled };
}

export async function setRole(tx: Tx, userId: string, role: 'admin' | 'user') {
  await withSqlStates(refusals, () =>
    tx.execute(sql`select pursuit.admin_set_role(${userId}::uuid, ${role}::public.user_role)`),
  );
  return { id: userId, role };
}
