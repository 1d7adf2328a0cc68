-- Generated, then the functions the new policies call moved before them (block
-- "Hand-written (here…)") and the security part appended by hand (see the end).
CREATE TYPE "public"."notification_kind" AS ENUM('comment', 'mention', 'stage_change', 'invitation_accepted');--> statement-breakpoint
CREATE TYPE "public"."share_role" AS ENUM('viewer', 'commenter', 'editor');--> statement-breakpoint
CREATE TABLE "comment_reads" (
	"user_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_reads_pkey" PRIMARY KEY("user_id","application_id")
);
--> statement-breakpoint
ALTER TABLE "comment_reads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "comments_body_length" CHECK (char_length("comments"."body") <= 10000 and ("comments"."deleted_at" is not null or char_length(btrim("comments"."body")) > 0)),
	CONSTRAINT "comments_mentions_count" CHECK (cardinality("comments"."mentions") <= 50)
);
--> statement-breakpoint
ALTER TABLE "comments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"actor_id" uuid,
	"owner_id" uuid,
	"application_id" uuid,
	"comment_id" uuid,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "share_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"role" "share_role" NOT NULL,
	"token_hash" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone DEFAULT now() + interval '7 days' NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	CONSTRAINT "share_invitations_token_hash_hex" CHECK ("share_invitations"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "share_invitations_email_length" CHECK (char_length("share_invitations"."email") <= 320)
);
--> statement-breakpoint
ALTER TABLE "share_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"grantee_id" uuid NOT NULL,
	"role" "share_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "shares_not_self" CHECK ("shares"."owner_id" <> "shares"."grantee_id")
);
--> statement-breakpoint
ALTER TABLE "shares" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "application_stage_history" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "private" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_reads" ADD CONSTRAINT "comment_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_reads" ADD CONSTRAINT "comment_reads_application_fk" FOREIGN KEY ("application_id","owner_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_application_fk" FOREIGN KEY ("application_id","owner_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_invitations" ADD CONSTRAINT "share_invitations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_invitations" ADD CONSTRAINT "share_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_grantee_id_users_id_fk" FOREIGN KEY ("grantee_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_application_idx" ON "comments" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "share_invitations_token_hash_key" ON "share_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "share_invitations_owner_idx" ON "share_invitations" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shares_active_owner_grantee_key" ON "shares" USING btree ("owner_id","grantee_id") WHERE "shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "shares_grantee_idx" ON "shares" USING btree ("grantee_id") WHERE "shares"."revoked_at" is null;--> statement-breakpoint
ALTER TABLE "application_stage_history" ADD CONSTRAINT "application_stage_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Hand-written (here, before the policies that call them): who may read and
-- write another person's search. pursuit.can_read is the one place a grant
-- extends access (ARCHITECTURE.md, "Sharing and collaborators"); these are
-- plain SQL functions, so the planner inlines them into each policy.
CREATE OR REPLACE FUNCTION pursuit.can_read(owner_id uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT $1 = pursuit.current_user_id()
      OR EXISTS (SELECT 1 FROM public.shares s
                  WHERE s.owner_id = $1
                    AND s.grantee_id = pursuit.current_user_id()
                    AND s.revoked_at IS NULL)
$$;
--> statement-breakpoint
-- 'comment': commenters and editors; 'edit': editors. The owner may do both.
CREATE OR REPLACE FUNCTION pursuit.can_write(owner_id uuid, what text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT $1 = pursuit.current_user_id()
      OR EXISTS (SELECT 1 FROM public.shares s
                  WHERE s.owner_id = $1
                    AND s.grantee_id = pursuit.current_user_id()
                    AND s.revoked_at IS NULL
                    AND CASE $2 WHEN 'edit' THEN s.role = 'editor'
                                WHEN 'comment' THEN s.role IN ('commenter', 'editor')
                                ELSE false END)
$$;
--> statement-breakpoint
-- The caller's place in an owner's search: 'owner', the share's role, or NULL.
CREATE OR REPLACE FUNCTION pursuit.access_role(owner_id uuid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN $1 = pursuit.current_user_id() THEN 'owner'
    ELSE (SELECT s.role::text FROM public.shares s
           WHERE s.owner_id = $1 AND s.grantee_id = pursuit.current_user_id()
             AND s.revoked_at IS NULL) END
$$;
--> statement-breakpoint
-- Rows hanging off an application: a grantee sees them only while the
-- application is not private (the subquery runs under applications' own RLS).
CREATE OR REPLACE FUNCTION pursuit.can_read_application(owner_id uuid, application_id uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT $1 = pursuit.current_user_id()
      OR (pursuit.can_read($1)
          AND EXISTS (SELECT 1 FROM public.applications a
                       WHERE a.id = $2 AND a.user_id = $1 AND NOT a.private))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.can_write_application(owner_id uuid, application_id uuid, what text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT $1 = pursuit.current_user_id()
      OR (pursuit.can_write($1, $3)
          AND EXISTS (SELECT 1 FROM public.applications a
                       WHERE a.id = $2 AND a.user_id = $1 AND NOT a.private))
$$;
--> statement-breakpoint
-- Document versions carry no application_id: ask their document (under its RLS).
CREATE OR REPLACE FUNCTION pursuit.can_read_document(owner_id uuid, document_id uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT $1 = pursuit.current_user_id()
      OR (pursuit.can_read($1)
          AND EXISTS (SELECT 1 FROM public.documents d WHERE d.id = $2 AND d.user_id = $1))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.can_write_document(owner_id uuid, document_id uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT $1 = pursuit.current_user_id()
      OR (pursuit.can_write($1, 'edit')
          AND EXISTS (SELECT 1 FROM public.documents d
                        JOIN public.applications a ON a.id = d.application_id
                       WHERE d.id = $2 AND d.user_id = $1 AND NOT a.private))
$$;
--> statement-breakpoint
DROP POLICY "owner can update application" ON "applications" CASCADE;--> statement-breakpoint
DROP POLICY "owner can insert interview" ON "interviews" CASCADE;--> statement-breakpoint
DROP POLICY "owner can update interview" ON "interviews" CASCADE;--> statement-breakpoint
DROP POLICY "owner can insert contact" ON "contacts" CASCADE;--> statement-breakpoint
DROP POLICY "owner can update contact" ON "contacts" CASCADE;--> statement-breakpoint
DROP POLICY "owner can insert document version" ON "document_versions" CASCADE;--> statement-breakpoint
DROP POLICY "owner can update document version" ON "document_versions" CASCADE;--> statement-breakpoint
DROP POLICY "owner can insert document" ON "documents" CASCADE;--> statement-breakpoint
DROP POLICY "owner can update document" ON "documents" CASCADE;--> statement-breakpoint
DROP POLICY "owner can insert match result" ON "match_results" CASCADE;--> statement-breakpoint
CREATE POLICY "owner or editor can update application" ON "applications" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("applications"."user_id" = (select pursuit.current_user_id()) or (pursuit.can_write("applications"."user_id", 'edit') and not "applications"."private")) WITH CHECK ("applications"."user_id" = (select pursuit.current_user_id()) or (pursuit.can_write("applications"."user_id", 'edit') and not "applications"."private"));--> statement-breakpoint
CREATE POLICY "owner or editor can insert interview" ON "interviews" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_application("interviews"."user_id", "interviews"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can update interview" ON "interviews" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_write_application("interviews"."user_id", "interviews"."application_id", 'edit')) WITH CHECK (pursuit.can_write_application("interviews"."user_id", "interviews"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can insert contact" ON "contacts" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_application("contacts"."user_id", "contacts"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can update contact" ON "contacts" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_write_application("contacts"."user_id", "contacts"."application_id", 'edit')) WITH CHECK (pursuit.can_write_application("contacts"."user_id", "contacts"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can insert document version" ON "document_versions" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_document("document_versions"."user_id", "document_versions"."document_id"));--> statement-breakpoint
CREATE POLICY "owner or editor can update document version" ON "document_versions" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_write_document("document_versions"."user_id", "document_versions"."document_id")) WITH CHECK (pursuit.can_write_document("document_versions"."user_id", "document_versions"."document_id"));--> statement-breakpoint
CREATE POLICY "owner or editor can insert document" ON "documents" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_application("documents"."user_id", "documents"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can update document" ON "documents" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_write_application("documents"."user_id", "documents"."application_id", 'edit')) WITH CHECK (pursuit.can_write_application("documents"."user_id", "documents"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can insert match result" ON "match_results" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_application("match_results"."user_id", "match_results"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "person can read own comment reads" ON "comment_reads" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("comment_reads"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can mark comments read" ON "comment_reads" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("comment_reads"."user_id" = (select pursuit.current_user_id()) and pursuit.can_read_application("comment_reads"."owner_id", "comment_reads"."application_id"));--> statement-breakpoint
CREATE POLICY "person can update own comment reads" ON "comment_reads" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("comment_reads"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("comment_reads"."user_id" = (select pursuit.current_user_id()) and pursuit.can_read_application("comment_reads"."owner_id", "comment_reads"."application_id"));--> statement-breakpoint
CREATE POLICY "people with access can read comment" ON "comments" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING (pursuit.can_read_application("comments"."owner_id", "comments"."application_id"));--> statement-breakpoint
CREATE POLICY "owner and commenters can write comment" ON "comments" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("comments"."author_id" = (select pursuit.current_user_id()) and pursuit.can_write_application("comments"."owner_id", "comments"."application_id", 'comment'));--> statement-breakpoint
CREATE POLICY "author or owner can change comment" ON "comments" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_read_application("comments"."owner_id", "comments"."application_id") and ("comments"."author_id" = (select pursuit.current_user_id()) or "comments"."owner_id" = (select pursuit.current_user_id()))) WITH CHECK (pursuit.can_read_application("comments"."owner_id", "comments"."application_id") and ("comments"."author_id" = (select pursuit.current_user_id()) or "comments"."owner_id" = (select pursuit.current_user_id())));--> statement-breakpoint
CREATE POLICY "person can read own notifications" ON "notifications" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("notifications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can mark own notifications read" ON "notifications" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("notifications"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("notifications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can delete own notifications" ON "notifications" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("notifications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read invitation" ON "share_invitations" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("share_invitations"."owner_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can create invitation" ON "share_invitations" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("share_invitations"."owner_id" = (select pursuit.current_user_id()) and "share_invitations"."accepted_at" is null and "share_invitations"."accepted_by" is null);--> statement-breakpoint
CREATE POLICY "owner can cancel invitation" ON "share_invitations" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("share_invitations"."owner_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner and grantee can read share" ON "shares" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("shares"."owner_id" = (select pursuit.current_user_id()) or "shares"."grantee_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner and grantee can update share" ON "shares" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("shares"."owner_id" = (select pursuit.current_user_id()) or "shares"."grantee_id" = (select pursuit.current_user_id())) WITH CHECK ("shares"."owner_id" = (select pursuit.current_user_id()) or "shares"."grantee_id" = (select pursuit.current_user_id()));--> statement-breakpoint
ALTER POLICY "user can create own account" ON "users" TO pursuit_app WITH CHECK ("users"."id" = (select pursuit.current_user_id()));--> statement-breakpoint
ALTER POLICY "owner can read stage history" ON "application_stage_history" TO pursuit_app USING (pursuit.can_read_application("application_stage_history"."user_id", "application_stage_history"."application_id"));--> statement-breakpoint
ALTER POLICY "owner can read application" ON "applications" TO pursuit_app USING ((select pursuit.can_read("applications"."user_id")) and ("applications"."user_id" = (select pursuit.current_user_id()) or not "applications"."private"));--> statement-breakpoint
ALTER POLICY "owner can read interview" ON "interviews" TO pursuit_app USING (pursuit.can_read_application("interviews"."user_id", "interviews"."application_id"));--> statement-breakpoint
ALTER POLICY "owner can read contact" ON "contacts" TO pursuit_app USING (pursuit.can_read_application("contacts"."user_id", "contacts"."application_id"));--> statement-breakpoint
ALTER POLICY "owner can read document version" ON "document_versions" TO pursuit_app USING (pursuit.can_read_document("document_versions"."user_id", "document_versions"."document_id"));--> statement-breakpoint
ALTER POLICY "owner can read document" ON "documents" TO pursuit_app USING (pursuit.can_read_application("documents"."user_id", "documents"."application_id"));--> statement-breakpoint
ALTER POLICY "owner can read match result" ON "match_results" TO pursuit_app USING (pursuit.can_read_application("match_results"."user_id", "match_results"."application_id"));--> statement-breakpoint
ALTER POLICY "owner can read quota history" ON "quota_history" TO pursuit_app USING ("quota_history"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
ALTER POLICY "owner can read quota usage" ON "quota_usage" TO pursuit_app USING ("quota_usage"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
-- Hand-written from here: what drizzle cannot express (FORCE RLS, column
-- grants, triggers, the narrow SECURITY DEFINER functions, the change feed).
ALTER TABLE shares FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE share_invitations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE comments FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE comment_reads FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Shares are created by pursuit.accept_invitation only; people change a role or revoke.
GRANT SELECT ON shares TO pursuit_app;--> statement-breakpoint
GRANT UPDATE (role, revoked_at) ON shares TO pursuit_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON share_invitations TO pursuit_app;--> statement-breakpoint
-- Comments are never deleted for real (a thread stays readable): deleted_at.
GRANT SELECT, INSERT ON comments TO pursuit_app;--> statement-breakpoint
GRANT UPDATE (body, mentions, edited_at, deleted_at) ON comments TO pursuit_app;--> statement-breakpoint
GRANT SELECT, INSERT ON comment_reads TO pursuit_app;--> statement-breakpoint
GRANT UPDATE (read_at) ON comment_reads TO pursuit_app;--> statement-breakpoint
GRANT SELECT, DELETE ON notifications TO pursuit_app;--> statement-breakpoint
GRANT UPDATE (read_at) ON notifications TO pursuit_app;--> statement-breakpoint
CREATE TRIGGER shares_touch_updated_at BEFORE UPDATE ON shares
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();--> statement-breakpoint

-- What each side of a share may change. Column grants allow role and
-- revoked_at; a grantee may only leave (never change their own role), and a
-- revoked share is history: it never comes back (a new invitation makes a new one).
-- Inside pursuit.accept_invitation current_user is the definer, which may set the role.
CREATE OR REPLACE FUNCTION pursuit.shares_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'This share has ended; send a new invitation instead.'
      USING ERRCODE = 'check_violation';
  END IF;
  IF current_user = 'pursuit_app'
     AND pursuit.current_user_id() IS DISTINCT FROM OLD.owner_id
     AND NEW.role IS DISTINCT FROM OLD.role THEN
    RAISE EXCEPTION 'Only the owner of a search changes what a person may do in it.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER shares_guard BEFORE UPDATE ON shares
  FOR EACH ROW EXECUTE FUNCTION pursuit.shares_guard();
--> statement-breakpoint

-- An editor changes an application's fields and stage, never whose it is or
-- whether it is private.
CREATE OR REPLACE FUNCTION pursuit.applications_guard_editor() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pursuit.current_user_id() IS NOT NULL
     AND pursuit.current_user_id() <> OLD.user_id
     AND (NEW.private IS DISTINCT FROM OLD.private OR NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
    RAISE EXCEPTION 'Only the owner of an application makes it private.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER applications_guard_editor BEFORE UPDATE ON applications
  FOR EACH ROW EXECUTE FUNCTION pursuit.applications_guard_editor();
--> statement-breakpoint

-- Comments: mentions are kept only for people with access to the search; an
-- edit by the author stamps edited_at; a deletion empties the body; someone
-- other than the author (the owner) may delete and do nothing else.
CREATE OR REPLACE FUNCTION pursuit.comments_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
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
REVOKE ALL ON FUNCTION pursuit.comments_before_write() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER comments_before_write BEFORE INSERT OR UPDATE ON comments
  FOR EACH ROW EXECUTE FUNCTION pursuit.comments_before_write();
--> statement-breakpoint

-- Stage history now says who moved the card (the owner or an editor).
CREATE OR REPLACE FUNCTION pursuit.record_stage_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  actor public.changed_by := CASE
    WHEN pursuit.current_user_id() IS NULL
      OR current_setting('app.actor', true) = 'system' THEN 'system'
    ELSE 'user' END;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.stage IS DISTINCT FROM OLD.stage THEN
    INSERT INTO public.application_stage_history
      (application_id, user_id, from_stage, to_stage, note, changed_by, actor_id)
    VALUES (
      NEW.id, NEW.user_id,
      CASE WHEN TG_OP = 'UPDATE' THEN OLD.stage END,
      NEW.stage,
      nullif(current_setting('app.stage_note', true), ''),
      actor,
      CASE WHEN actor = 'user' THEN pursuit.current_user_id() END
    );
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- Notifications are written here, for the people they tell, whoever made the
-- change: a comment tells the owner and everyone else with access (a mention
-- says so); a card moved by a collaborator tells the owner. Each person keeps
-- their newest 200.
CREATE OR REPLACE FUNCTION pursuit.notify_comment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  app record;
  author text;
  person uuid;
BEGIN
  SELECT a.private, a.company_name, a.role_title INTO app
    FROM public.applications a WHERE a.id = NEW.application_id;
  SELECT u.display_name INTO author FROM public.users u WHERE u.id = NEW.author_id;
  FOR person IN
    SELECT NEW.owner_id
    UNION
    SELECT s.grantee_id FROM public.shares s
     WHERE s.owner_id = NEW.owner_id AND s.revoked_at IS NULL AND NOT app.private
  LOOP
    CONTINUE WHEN person IS NOT DISTINCT FROM NEW.author_id;
    INSERT INTO public.notifications (user_id, kind, actor_id, owner_id, application_id, comment_id, summary)
    VALUES (
      person,
      CASE WHEN person = ANY (NEW.mentions) THEN 'mention' ELSE 'comment' END::public.notification_kind,
      NEW.author_id, NEW.owner_id, NEW.application_id, NEW.id,
      format('%s %s on %s — %s', coalesce(author, 'Someone'),
             CASE WHEN person = ANY (NEW.mentions) THEN 'mentioned you' ELSE 'commented' END,
             app.company_name, app.role_title)
    );
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.notify_comment() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER comments_notify AFTER INSERT ON comments
  FOR EACH ROW EXECUTE FUNCTION pursuit.notify_comment();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.notify_stage_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  app record;
  actor text;
BEGIN
  IF NEW.actor_id IS NULL OR NEW.actor_id = NEW.user_id OR NEW.from_stage IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT a.company_name, a.role_title INTO app FROM public.applications a WHERE a.id = NEW.application_id;
  SELECT u.display_name INTO actor FROM public.users u WHERE u.id = NEW.actor_id;
  INSERT INTO public.notifications (user_id, kind, actor_id, owner_id, application_id, summary)
  VALUES (NEW.user_id, 'stage_change', NEW.actor_id, NEW.user_id, NEW.application_id,
          format('%s moved %s — %s from %s to %s', coalesce(actor, 'Someone'),
                 app.company_name, app.role_title, NEW.from_stage, NEW.to_stage));
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.notify_stage_change() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER application_stage_history_notify AFTER INSERT ON application_stage_history
  FOR EACH ROW EXECUTE FUNCTION pursuit.notify_stage_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.trim_notifications() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  DELETE FROM public.notifications n
   WHERE n.user_id = NEW.user_id
     AND n.id IN (SELECT x.id FROM public.notifications x WHERE x.user_id = NEW.user_id
                   ORDER BY x.created_at DESC, x.id DESC OFFSET 200);
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.trim_notifications() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER notifications_trim AFTER INSERT ON notifications
  FOR EACH ROW EXECUTE FUNCTION pursuit.trim_notifications();
--> statement-breakpoint

-- Invitations. The link holds the token; the table its SHA-256. Looking one up
-- happens before the person has an account (the sign-up page shows whose
-- search it is), and accepting writes a share the person cannot write
-- themselves: both are narrow definer functions.
CREATE OR REPLACE FUNCTION pursuit.invitation_preview(p_token_hash text)
RETURNS TABLE (owner_name text, role public.share_role, expires_at timestamptz, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.display_name, i.role, i.expires_at,
         CASE WHEN i.accepted_at IS NOT NULL THEN 'used'
              WHEN i.expires_at <= now() THEN 'expired'
              ELSE 'valid' END
    FROM public.share_invitations i JOIN public.users u ON u.id = i.owner_id
   WHERE i.token_hash = p_token_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.invitation_preview(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.invitation_preview(text) TO pursuit_app;
--> statement-breakpoint
-- Errors: PS001 already used, PS002 expired, PS003 your own link, P0002 unknown or cancelled.
CREATE OR REPLACE FUNCTION pursuit.accept_invitation(p_token_hash text)
RETURNS TABLE (share_id uuid, owner_id uuid, role public.share_role)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  me uuid := pursuit.current_user_id();
  inv public.share_invitations%ROWTYPE;
  sid uuid;
  who text;
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'Sign in to accept an invitation.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO inv FROM public.share_invitations i WHERE i.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'That invitation link is not valid (it may have been cancelled).' USING ERRCODE = 'P0002';
  END IF;
  IF inv.accepted_at IS NOT NULL THEN
    RAISE EXCEPTION 'That invitation link has already been used.' USING ERRCODE = 'PS001';
  END IF;
  IF inv.expires_at <= now() THEN
    RAISE EXCEPTION 'That invitation link has expired; ask for a new one.' USING ERRCODE = 'PS002';
  END IF;
  IF inv.owner_id = me THEN
    RAISE EXCEPTION 'This is your own invitation link: send it to the person you want to invite.' USING ERRCODE = 'PS003';
  END IF;
  UPDATE public.share_invitations SET accepted_at = now(), accepted_by = me WHERE id = inv.id;
  UPDATE public.shares s SET role = inv.role
   WHERE s.owner_id = inv.owner_id AND s.grantee_id = me AND s.revoked_at IS NULL
  RETURNING s.id INTO sid;
  IF sid IS NULL THEN
    INSERT INTO public.shares (owner_id, grantee_id, role) VALUES (inv.owner_id, me, inv.role)
    RETURNING id INTO sid;
  END IF;
  SELECT u.display_name INTO who FROM public.users u WHERE u.id = me;
  INSERT INTO public.notifications (user_id, kind, actor_id, owner_id, summary)
  VALUES (inv.owner_id, 'invitation_accepted', me, inv.owner_id,
          format('%s accepted your invitation and can now %s your search', who,
                 CASE inv.role WHEN 'viewer' THEN 'see' WHEN 'commenter' THEN 'see and comment on'
                               ELSE 'see and edit' END));
  RETURN QUERY SELECT sid, inv.owner_id, inv.role;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.accept_invitation(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.accept_invitation(text) TO pursuit_app;
--> statement-breakpoint

-- The people on each side of the caller's active shares, with their names and
-- when they were last active (users and sessions are otherwise each person's own).
CREATE OR REPLACE FUNCTION pursuit.share_people()
RETURNS TABLE (
  share_id uuid, owner_id uuid, owner_name text, owner_email text,
  grantee_id uuid, grantee_name text, grantee_email text, role public.share_role,
  created_at timestamptz, updated_at timestamptz,
  owner_last_active_at timestamptz, grantee_last_active_at timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT s.id, s.owner_id, o.display_name, o.email, s.grantee_id, g.display_name, g.email,
         s.role, s.created_at, s.updated_at,
         (SELECT greatest(o.last_login_at, max(x.last_verified_at)) FROM public.sessions x WHERE x.user_id = o.id),
         (SELECT greatest(g.last_login_at, max(x.last_verified_at)) FROM public.sessions x WHERE x.user_id = g.id)
    FROM public.shares s
    JOIN public.users o ON o.id = s.owner_id
    JOIN public.users g ON g.id = s.grantee_id
   WHERE s.revoked_at IS NULL
     AND pursuit.current_user_id() IN (s.owner_id, s.grantee_id)
   ORDER BY s.created_at
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.share_people() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.share_people() TO pursuit_app;
--> statement-breakpoint
-- Everyone with access to an owner's search (for @mentions, avatars, comment
-- authors), when the caller is one of them; nothing otherwise.
CREATE OR REPLACE FUNCTION pursuit.people_with_access(p_owner uuid)
RETURNS TABLE (user_id uuid, display_name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.display_name, 'owner' FROM public.users u
   WHERE u.id = p_owner AND pursuit.can_read(p_owner)
  UNION ALL
  SELECT g.id, g.display_name, s.role::text
    FROM public.shares s JOIN public.users g ON g.id = s.grantee_id
   WHERE s.owner_id = p_owner AND s.revoked_at IS NULL AND pursuit.can_read(p_owner)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.people_with_access(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.people_with_access(uuid) TO pursuit_app;
--> statement-breakpoint
-- Names of the authors of an application's comments the caller may read
-- (an author may have left the search since).
CREATE OR REPLACE FUNCTION pursuit.comment_authors(p_application uuid)
RETURNS TABLE (user_id uuid, display_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT DISTINCT u.id, u.display_name
    FROM public.comments c
    JOIN public.applications a ON a.id = c.application_id
    JOIN public.users u ON u.id = c.author_id
   WHERE c.application_id = p_application
     AND (a.user_id = pursuit.current_user_id() OR (pursuit.can_read(a.user_id) AND NOT a.private))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.comment_authors(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.comment_authors(uuid) TO pursuit_app;
--> statement-breakpoint

-- An editor's generations count on the owner's quota (as consume_quota, for p_owner).
CREATE OR REPLACE FUNCTION pursuit.consume_quota_for(
  p_owner uuid, p_type public.quota_type, p_limit integer, p_application uuid, p_document uuid
) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  month text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM');
  taken integer;
BEGIN
  IF p_owner IS NULL OR NOT pursuit.can_write(p_owner, 'edit') THEN
    RETURN false;
  END IF;
  INSERT INTO public.quota_usage (user_id, type, period, used, "limit")
  VALUES (p_owner, p_type, month, 0, p_limit)
  ON CONFLICT (user_id, type, period) DO NOTHING;
  UPDATE public.quota_usage
     SET used = used + 1, "limit" = p_limit, updated_at = now()
   WHERE user_id = p_owner AND type = p_type AND period = month
     AND (p_limit IS NULL OR used < p_limit)
  RETURNING used INTO taken;
  IF taken IS NULL THEN
    RETURN false;
  END IF;
  INSERT INTO public.quota_history (user_id, type, period, application_id, document_id)
  VALUES (p_owner, p_type, month, p_application, p_document);
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.consume_quota_for(uuid, public.quota_type, integer, uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.consume_quota_for(uuid, public.quota_type, integer, uuid, uuid) TO pursuit_app;
--> statement-breakpoint

-- Accounts: the instance's first account is its admin (an advisory lock makes
-- "first" exact under concurrent sign-ups); every later one is a user. Nobody
-- asks to be an admin: an admin makes another one (pursuit.admin_set_role).
CREATE OR REPLACE FUNCTION pursuit.users_assign_role() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NEW.role <> 'user' THEN
    RAISE EXCEPTION 'An account starts as a user.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('pursuit.users.first_account'));
  NEW.role := CASE WHEN EXISTS (SELECT 1 FROM public.users) THEN 'user' ELSE 'admin' END;
  NEW.disabled_at := NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.users_assign_role() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER users_assign_role BEFORE INSERT ON users
  FOR EACH ROW EXECUTE FUNCTION pursuit.users_assign_role();
--> statement-breakpoint
-- A disabled account's sessions validate as nothing (they are deleted when it is disabled, too).
CREATE OR REPLACE FUNCTION pursuit.validate_session(p_session_id text)
RETURNS TABLE (
  session_id text, user_id uuid, expires_at timestamptz, created_at timestamptz,
  email text, display_name text, role public.user_role
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  s public.sessions%ROWTYPE;
BEGIN
  SELECT * INTO s FROM public.sessions WHERE id = p_session_id;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF s.expires_at <= now() THEN
    DELETE FROM public.sessions WHERE id = p_session_id;
    RETURN;
  END IF;
  IF s.expires_at - now() < interval '15 days' OR s.last_verified_at < now() - interval '1 minute' THEN
    UPDATE public.sessions AS x
       SET expires_at = CASE WHEN x.expires_at - now() < interval '15 days'
                             THEN now() + interval '30 days' ELSE x.expires_at END,
           last_verified_at = now()
     WHERE x.id = p_session_id
    RETURNING * INTO s;
  END IF;
  RETURN QUERY
    SELECT s.id, s.user_id, s.expires_at, s.created_at, u.email, u.display_name, u.role
      FROM public.users u WHERE u.id = s.user_id AND u.disabled_at IS NULL;
END
$$;
--> statement-breakpoint
DROP FUNCTION pursuit.find_login(text);
--> statement-breakpoint
CREATE FUNCTION pursuit.find_login(p_email text)
RETURNS TABLE (id uuid, password_hash text, disabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.password_hash, u.disabled_at IS NOT NULL FROM public.users u WHERE lower(u.email) = lower(p_email)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.find_login(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.find_login(text) TO pursuit_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.users u
                  WHERE u.id = pursuit.current_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.is_admin() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.is_admin() TO pursuit_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.admin_accounts()
RETURNS TABLE (
  id uuid, email text, display_name text, role public.user_role, created_at timestamptz,
  last_active_at timestamptz, disabled_at timestamptz, applications bigint
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT pursuit.is_admin() THEN
    RAISE EXCEPTION 'Only an admin sees the accounts.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
    SELECT u.id, u.email, u.display_name, u.role, u.created_at,
           (SELECT greatest(u.last_login_at, max(x.last_verified_at)) FROM public.sessions x WHERE x.user_id = u.id),
           u.disabled_at,
           (SELECT count(*) FROM public.applications a WHERE a.user_id = u.id)
      FROM public.users u
     ORDER BY u.created_at, u.id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.admin_accounts() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.admin_accounts() TO pursuit_app;
--> statement-breakpoint
-- Disabling ends the account's sessions at once (sessions_notify_ended closes its sockets).
CREATE OR REPLACE FUNCTION pursuit.admin_set_disabled(p_user uuid, p_disabled boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT pursuit.is_admin() THEN
    RAISE EXCEPTION 'Only an admin disables accounts.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_user = pursuit.current_user_id() THEN
    RAISE EXCEPTION 'You cannot disable your own account.' USING ERRCODE = 'PS004';
  END IF;
  UPDATE public.users SET disabled_at = CASE WHEN p_disabled THEN coalesce(disabled_at, now()) END
   WHERE id = p_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No such account.' USING ERRCODE = 'P0002';
  END IF;
  IF p_disabled THEN
    DELETE FROM public.sessions WHERE user_id = p_user;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.admin_set_disabled(uuid, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.admin_set_disabled(uuid, boolean) TO pursuit_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.admin_set_role(p_user uuid, p_role public.user_role) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT pursuit.is_admin() THEN
    RAISE EXCEPTION 'Only an admin changes who is an admin.' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('pursuit.users.first_account'));
  IF p_role = 'user' AND NOT EXISTS (
       SELECT 1 FROM public.users u
        WHERE u.role = 'admin' AND u.disabled_at IS NULL AND u.id <> p_user) THEN
    RAISE EXCEPTION 'An instance needs at least one admin: make someone else admin first.' USING ERRCODE = 'PS005';
  END IF;
  UPDATE public.users SET role = p_role WHERE id = p_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No such account.' USING ERRCODE = 'P0002';
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.admin_set_role(uuid, public.user_role) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.admin_set_role(uuid, public.user_role) TO pursuit_app;
--> statement-breakpoint

-- The change feed learns the audience (ARCHITECTURE.md, "Sharing and
-- collaborators"). A change goes to the owner (user_id) and to also_user_id
-- (a share's grantee), and to the owner's grantees unless it is `private`:
-- a private application's rows, and owner-only tables (notifications,
-- quota_usage, shares). Making an application private is logged as not
-- private, so a grantee who saw it is told it is gone; a child row whose
-- application is already gone (a cascade) is the owner's alone.
ALTER TABLE pursuit_internal.change_log ADD COLUMN private boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE pursuit_internal.change_log ADD COLUMN also_user_id uuid;
--> statement-breakpoint
CREATE INDEX change_log_also_user_xid_id_idx ON pursuit_internal.change_log (also_user_id, xid, id)
  WHERE also_user_id IS NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit_internal.capture_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  before jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
  is_private boolean := false;
  app uuid;
BEGIN
  IF TG_TABLE_NAME IN ('notifications', 'quota_usage', 'shares') THEN
    is_private := true;
  ELSIF TG_TABLE_NAME = 'applications' THEN
    is_private := coalesce((changed ->> 'private')::boolean, false)
              AND coalesce((before ->> 'private')::boolean, true);
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
--> statement-breakpoint
CREATE TRIGGER capture_change AFTER INSERT OR UPDATE OR DELETE ON public.shares
  FOR EACH ROW EXECUTE FUNCTION pursuit_internal.capture_change('owner_id', 'grantee_id');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.comments', 'owner_id');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.notifications');

