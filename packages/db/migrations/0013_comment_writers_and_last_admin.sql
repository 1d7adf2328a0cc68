-- Generated (a commenter made a viewer no longer edits their comments), then
-- by hand: an instance never loses its last admin (see the end).
ALTER POLICY "author or owner can change comment" ON "comments" TO pursuit_app USING (pursuit.can_write_application("comments"."owner_id", "comments"."application_id", 'comment') and ("comments"."author_id" = (select pursuit.current_user_id()) or "comments"."owner_id" = (select pursuit.current_user_id()))) WITH CHECK (pursuit.can_write_application("comments"."owner_id", "comments"."application_id", 'comment') and ("comments"."author_id" = (select pursuit.current_user_id()) or "comments"."owner_id" = (select pursuit.current_user_id())));--> statement-breakpoint
-- An instance always keeps an enabled admin: when the last one's account is
-- deleted, the oldest remaining enabled account becomes admin (an instance
-- would otherwise have nobody able to manage it, and sign-ups never make one).
CREATE OR REPLACE FUNCTION pursuit.users_keep_an_admin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('pursuit.users.first_account'));
  IF NOT EXISTS (SELECT 1 FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL) THEN
    UPDATE public.users SET role = 'admin'
     WHERE id = (SELECT u.id FROM public.users u WHERE u.disabled_at IS NULL
                  ORDER BY u.created_at, u.id LIMIT 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.users_keep_an_admin() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER users_keep_an_admin AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION pursuit.users_keep_an_admin();
--> statement-breakpoint
-- Deleting an account sets author_id to NULL on the comments it wrote in other
-- people's searches (an UPDATE): that passes through the comment rules untouched,
-- also for a comment the author had deleted.
CREATE OR REPLACE FUNCTION pursuit.comments_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- The author's account was deleted (ON DELETE SET NULL): the comment stays as it is.
    IF NEW.author_id IS DISTINCT FROM OLD.author_id THEN
      RETURN NEW;
    END IF;
    IF OLD.deleted_at IS NOT NULL THEN
      RAISE EXCEPTION 'That comment was deleted.' USING ERRCODE = 'check_violation';
    END IF;
    IF pursuit.current_user_id() IS DISTINCT FROM OLD.author_id
       AND (NEW.deleted_at IS NULL OR NEW.body IS DISTINCT FROM OLD.body AND NEW.body <> '') THEN
      RAISE EXCEPTION 'Only the author edits a comment.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.deleted_at IS NULL AND NEW.body IS DISTINCT FROM OLD.body THEN
      NEW.edited_at := now();
    END IF;
  END IF;
  IF NEW.deleted_at IS NOT NULL THEN
    NEW.body := '';
    NEW.mentions := '{}';
  ELSE
    NEW.mentions := ARRAY(
      SELECT DISTINCT m FROM unnest(NEW.mentions) AS m
       WHERE m = NEW.owner_id
          OR EXISTS (SELECT 1 FROM public.shares s
                      WHERE s.owner_id = NEW.owner_id AND s.grantee_id = m AND s.revoked_at IS NULL));
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Account deletion also clears the person from change-feed rows of other
-- people's shares (also_user_id): the rows stay, for their owners.
CREATE OR REPLACE FUNCTION pursuit.delete_own_account() RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  uid uuid := pursuit.current_user_id();
  address text;
BEGIN
  IF uid IS NULL THEN
    RETURN false;
  END IF;
  DELETE FROM public.users WHERE id = uid RETURNING email INTO address;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  DELETE FROM pursuit_internal.change_log WHERE user_id = uid;
  UPDATE pursuit_internal.change_log SET also_user_id = NULL WHERE also_user_id = uid;
  DELETE FROM pursuit_internal.login_failures WHERE key = 'email:' || lower(address);
  RETURN true;
END
$$;
--> statement-breakpoint
-- The change trigger runs on every write of every live table: it converts the
-- row to jsonb once, as before 0012 (0012 also converted OLD on every update,
-- search vector and job description included, to read one flag of
-- applications: a third of a write's cost), and reads `private` as a field.
CREATE OR REPLACE FUNCTION pursuit_internal.capture_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  is_private boolean := false;
  app uuid;
BEGIN
  IF TG_TABLE_NAME IN ('notifications', 'quota_usage', 'shares') THEN
    is_private := true;
  ELSIF TG_TABLE_NAME = 'applications' THEN
    IF TG_OP = 'DELETE' THEN
      is_private := OLD.private;
    ELSIF TG_OP = 'INSERT' THEN
      is_private := NEW.private;
    ELSE
      -- Made private now: not private, so grantees who saw it are told it is gone.
      is_private := NEW.private AND OLD.private;
    END IF;
  ELSE
    app := (changed ->> 'application_id')::uuid;
    IF app IS NULL AND changed ? 'document_id' THEN
      SELECT d.application_id INTO app FROM public.documents d WHERE d.id = (changed ->> 'document_id')::uuid;
      is_private := app IS NULL;
    END IF;
    IF app IS NOT NULL THEN
      SELECT a.private INTO is_private FROM public.applications a WHERE a.id = app;
      is_private := coalesce(is_private, true);
    END IF;
  END IF;
  INSERT INTO pursuit_internal.change_log (table_name, row_id, op, user_id, private, also_user_id)
  VALUES (TG_TABLE_NAME, (changed ->> 'id')::uuid, lower(TG_OP), (changed ->> TG_ARGV[0])::uuid,
          is_private, CASE WHEN TG_NARGS > 1 THEN (changed ->> TG_ARGV[1])::uuid END);
  -- Identical notifications within one transaction are delivered once.
  PERFORM pg_notify('pursuit_changes', '');
  RETURN NULL;
END
$$;
