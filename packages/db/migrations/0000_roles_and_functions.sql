-- Roles and the identity functions every policy reads. Hand-written: drizzle
-- cannot express roles with these attributes or functions.
--
-- pursuit_app is the role every request runs as: it owns nothing, is no
-- superuser and never bypasses RLS. Its LOGIN password is set at start-up by
-- the server (packages/db/src/bootstrap.ts), never stored in a migration.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pursuit_app') THEN
    CREATE ROLE pursuit_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS pursuit;
--> statement-breakpoint
-- Owner-only tables (rate-limit counters, later the change log); pursuit_app
-- gets no USAGE on this schema at all.
CREATE SCHEMA IF NOT EXISTS pursuit_internal;
--> statement-breakpoint
-- The signed-in user of this transaction, set with
-- select set_config('app.user_id', $1, true). NULL (so: nothing visible) when unset.
CREATE OR REPLACE FUNCTION pursuit.current_user_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- May the current user read data owned by owner_id? Today only the owner may;
-- collaborator grants (a coach) extend this one function.
CREATE OR REPLACE FUNCTION pursuit.can_read(owner_id uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT owner_id = pursuit.current_user_id() $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA pursuit TO pursuit_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO pursuit_app;
