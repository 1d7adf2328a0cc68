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
