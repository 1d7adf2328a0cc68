-- The change feed's source of truth (ARCHITECTURE.md, "How a change reaches
-- every open session"). A trigger on each live table appends one row per
-- changed row in the writing transaction, tagged with that transaction's id,
-- and sends a payload-less wake-up. Readers take rows whose xid is below the
-- snapshot's xmin (all such transactions have ended), ordered by (xid, id):
-- ids alone commit out of order, xmin never lets a later commit slip behind.
-- Owner-only: pursuit_app has no USAGE on pursuit_internal.
CREATE TABLE pursuit_internal.change_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  -- Whose data the row is: routing starts here (pursuit.can_read decides who else).
  user_id uuid,
  changed_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX change_log_xid_id_idx ON pursuit_internal.change_log (xid, id);
--> statement-breakpoint
CREATE INDEX change_log_user_xid_id_idx ON pursuit_internal.change_log (user_id, xid, id);
--> statement-breakpoint
CREATE INDEX change_log_changed_at_idx ON pursuit_internal.change_log (changed_at);
--> statement-breakpoint
-- The newest (xid, id) removed by pruning: a client resuming from before it
-- has missed events for good and is told to resync.
CREATE TABLE pursuit_internal.change_log_horizon (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  xid bigint NOT NULL DEFAULT 0,
  id bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO pursuit_internal.change_log_horizon DEFAULT VALUES;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit_internal.capture_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  INSERT INTO pursuit_internal.change_log (table_name, row_id, op, user_id)
  VALUES (TG_TABLE_NAME, (changed ->> 'id')::uuid, lower(TG_OP), (changed ->> TG_ARGV[0])::uuid);
  -- Identical notifications within one transaction are delivered once.
  PERFORM pg_notify('pursuit_changes', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit_internal.capture_change() FROM PUBLIC;
--> statement-breakpoint
-- Making a table live is one line: SELECT pursuit_internal.track_changes('t');
CREATE OR REPLACE FUNCTION pursuit_internal.track_changes(target regclass, owner_column text DEFAULT 'user_id')
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE TRIGGER capture_change AFTER INSERT OR UPDATE OR DELETE ON %s '
    'FOR EACH ROW EXECUTE FUNCTION pursuit_internal.capture_change(%L)',
    target, owner_column);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit_internal.track_changes(regclass, text) FROM PUBLIC;
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.applications');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.application_stage_history');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.interviews');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.contacts');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.profiles');
