CREATE TYPE "public"."offer_status" AS ENUM('pending', 'accepted', 'declined', 'expired');--> statement-breakpoint
CREATE TYPE "public"."sent_kind" AS ENUM('resume', 'cover_letter');--> statement-breakpoint
ALTER TYPE "public"."application_stage" ADD VALUE 'ghosted';--> statement-breakpoint
ALTER TYPE "public"."document_type" ADD VALUE 'follow_up_email';--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"base_salary" integer NOT NULL,
	"bonus_target_percent" numeric(5, 2),
	"equity_description" text,
	"equity_annual_value" integer,
	"sign_on_bonus" integer,
	"benefits" text,
	"pto_days" integer,
	"location" text,
	"work_arrangement" "work_arrangement",
	"start_date" date,
	"response_deadline" timestamp with time zone,
	"status" "offer_status" DEFAULT 'pending' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_currency_code" CHECK ("offers"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "offers_amounts_non_negative" CHECK ("offers"."base_salary" >= 0 and coalesce("offers"."equity_annual_value", 0) >= 0 and coalesce("offers"."sign_on_bonus", 0) >= 0),
	CONSTRAINT "offers_bonus_range" CHECK ("offers"."bonus_target_percent" is null or "offers"."bonus_target_percent" between 0 and 500),
	CONSTRAINT "offers_pto_range" CHECK ("offers"."pto_days" is null or "offers"."pto_days" between 0 and 366)
);
--> statement-breakpoint
ALTER TABLE "offers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sent_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "sent_kind" NOT NULL,
	"resume_id" uuid,
	"document_version_id" uuid,
	"label" text NOT NULL,
	"content" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sent_materials_application_kind_key" UNIQUE("application_id","kind"),
	CONSTRAINT "sent_materials_one_source" CHECK ("sent_materials"."resume_id" is null or "sent_materials"."document_version_id" is null),
	CONSTRAINT "sent_materials_label_length" CHECK (char_length("sent_materials"."label") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "sent_materials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "user_analytics" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"applications_submitted" integer DEFAULT 0 NOT NULL,
	"interviews_scheduled" integer DEFAULT 0 NOT NULL,
	"offers_received" integer DEFAULT 0 NOT NULL,
	"documents_generated" integer DEFAULT 0 NOT NULL,
	"response_rate" numeric(5, 4),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_analytics_pkey" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
ALTER TABLE "user_analytics" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_digest" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "application_stage_history" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sent_materials" ADD CONSTRAINT "sent_materials_resume_id_resumes_id_fk" FOREIGN KEY ("resume_id") REFERENCES "public"."resumes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sent_materials" ADD CONSTRAINT "sent_materials_document_version_id_document_versions_id_fk" FOREIGN KEY ("document_version_id") REFERENCES "public"."document_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sent_materials" ADD CONSTRAINT "sent_materials_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_analytics" ADD CONSTRAINT "user_analytics_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_application_idx" ON "offers" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "offers_user_deadline_idx" ON "offers" USING btree ("user_id","response_deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "application_stage_history_user_changed_idx" ON "application_stage_history" USING btree ("user_id","changed_at");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_rejection_reason_length" CHECK (char_length("applications"."rejection_reason") <= 500);--> statement-breakpoint
CREATE POLICY "owner can read offer" ON "offers" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING (pursuit.can_read_application("offers"."user_id", "offers"."application_id"));--> statement-breakpoint
CREATE POLICY "owner or editor can insert offer" ON "offers" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_application("offers"."user_id", "offers"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can update offer" ON "offers" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_write_application("offers"."user_id", "offers"."application_id", 'edit')) WITH CHECK (pursuit.can_write_application("offers"."user_id", "offers"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner can delete offer" ON "offers" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("offers"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read sent material" ON "sent_materials" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING (pursuit.can_read_application("sent_materials"."user_id", "sent_materials"."application_id"));--> statement-breakpoint
CREATE POLICY "owner or editor can insert sent material" ON "sent_materials" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK (pursuit.can_write_application("sent_materials"."user_id", "sent_materials"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner or editor can update sent material" ON "sent_materials" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING (pursuit.can_write_application("sent_materials"."user_id", "sent_materials"."application_id", 'edit')) WITH CHECK (pursuit.can_write_application("sent_materials"."user_id", "sent_materials"."application_id", 'edit'));--> statement-breakpoint
CREATE POLICY "owner can delete sent material" ON "sent_materials" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("sent_materials"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can read own calendar feed" ON "calendar_feeds" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("calendar_feeds"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can create own calendar feed" ON "calendar_feeds" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("calendar_feeds"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can replace own calendar feed" ON "calendar_feeds" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("calendar_feeds"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("calendar_feeds"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can delete own calendar feed" ON "calendar_feeds" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("calendar_feeds"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "person can read own analytics" ON "user_analytics" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("user_analytics"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
-- Hand-written from here: what drizzle cannot express (FORCE RLS, column
-- grants, triggers, the change feed, definer functions).
--
-- Note for later migrations: drizzle runs every pending migration in one
-- transaction, and Postgres will not use an enum value added in the same
-- transaction. So on a fresh database the literals 'ghosted' and
-- 'follow_up_email' may appear only inside plpgsql bodies (checked when
-- run, not when created) — never in a CHECK, an index predicate, a column
-- default or a LANGUAGE sql function of any migration.
ALTER TABLE offers FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE sent_materials FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE user_analytics FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON offers TO pursuit_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sent_materials TO pursuit_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO pursuit_app;--> statement-breakpoint
-- Snapshots are written by the scheduled task as the owner; people only read them.
GRANT SELECT ON user_analytics TO pursuit_app;--> statement-breakpoint
GRANT UPDATE (email_digest) ON users TO pursuit_app;--> statement-breakpoint
GRANT UPDATE (rejection_reason) ON applications TO pursuit_app;--> statement-breakpoint
CREATE TRIGGER offers_touch_updated_at BEFORE UPDATE ON offers
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.offers');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.sent_materials');
--> statement-breakpoint

-- A rejection reason belongs to the rejection: a card that moves on from
-- rejected drops it, so a later rejection never inherits a stale one.
CREATE OR REPLACE FUNCTION pursuit.applications_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.company_id IS DISTINCT FROM OLD.company_id THEN
    SELECT c.name INTO NEW.company_name FROM public.companies c WHERE c.id = NEW.company_id;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.created_at := OLD.created_at;
  END IF;
  IF NEW.stage <> 'interested' AND NEW.applied_at IS NULL
     AND (TG_OP = 'INSERT' OR OLD.stage = 'interested') THEN
    NEW.applied_at := now();
  END IF;
  IF NEW.stage <> 'rejected' THEN
    NEW.rejection_reason := NULL;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

-- Stage history keeps the rejection reason and follows a backdated
-- applied_at: the move that first takes a card past interested is recorded
-- at applied_at when that is in the past (a card created or moved straight to
-- a later stage gets an "applied" step at that time first), and editing
-- applied_at later moves that step. The card's creation row moves to just
-- before it when it would come after.
CREATE OR REPLACE FUNCTION pursuit.record_stage_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  actor public.changed_by := CASE
    WHEN pursuit.current_user_id() IS NULL
      OR current_setting('app.actor', true) = 'system' THEN 'system'
    ELSE 'user' END;
  actor_id uuid := CASE WHEN actor = 'user' THEN pursuit.current_user_id() END;
  previous public.application_stage := CASE WHEN TG_OP = 'UPDATE' THEN OLD.stage END;
  backdated boolean := false;
  first_step uuid;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.stage IS DISTINCT FROM OLD.stage THEN
    -- Only the first time past interested: a card moved back and applied
    -- again is recorded now, not at its old applied date.
    backdated := NEW.applied_at IS NOT NULL AND NEW.applied_at < now()
      AND NEW.stage <> 'interested'
      AND (previous IS NULL OR previous = 'interested')
      AND NOT EXISTS (SELECT 1 FROM public.application_stage_history h
                       WHERE h.application_id = NEW.id AND h.to_stage <> 'interested');
    IF backdated AND NEW.stage <> 'applied' THEN
      INSERT INTO public.application_stage_history
        (application_id, user_id, from_stage, to_stage, changed_by, actor_id, changed_at)
      VALUES (NEW.id, NEW.user_id, previous, 'applied', actor, actor_id, NEW.applied_at);
      previous := 'applied';
    END IF;
    INSERT INTO public.application_stage_history
      (application_id, user_id, from_stage, to_stage, note, reason, changed_by, actor_id, changed_at)
    VALUES (
      NEW.id, NEW.user_id, previous, NEW.stage,
      nullif(current_setting('app.stage_note', true), ''),
      CASE WHEN NEW.stage = 'rejected' THEN NEW.rejection_reason END,
      actor, actor_id,
      CASE WHEN backdated AND NEW.stage = 'applied' THEN NEW.applied_at ELSE now() END
    );
  ELSE
    -- No move: an edited applied date and a reason given after the move are
    -- independent, and one update may carry both.
    IF NEW.applied_at IS DISTINCT FROM OLD.applied_at AND NEW.applied_at IS NOT NULL THEN
      SELECT h.id INTO first_step FROM public.application_stage_history h
       WHERE h.application_id = NEW.id AND h.to_stage <> 'interested'
       ORDER BY h.changed_at, h.id LIMIT 1;
      IF first_step IS NOT NULL THEN
        UPDATE public.application_stage_history SET changed_at = NEW.applied_at WHERE id = first_step;
        backdated := true;
      END IF;
    END IF;
    IF NEW.stage = 'rejected' AND NEW.rejection_reason IS DISTINCT FROM OLD.rejection_reason THEN
      UPDATE public.application_stage_history SET reason = NEW.rejection_reason
       WHERE id = (SELECT h.id FROM public.application_stage_history h
                    WHERE h.application_id = NEW.id AND h.to_stage = 'rejected'
                    ORDER BY h.changed_at DESC, h.id DESC LIMIT 1);
    END IF;
  END IF;
  IF backdated THEN
    -- A second before: the history is read in (changed_at, id) order, and a
    -- tie with the applied step would let the random ids decide.
    UPDATE public.application_stage_history
       SET changed_at = NEW.applied_at - interval '1 second'
     WHERE application_id = NEW.id AND from_stage IS NULL AND to_stage = 'interested'
       AND changed_at >= NEW.applied_at;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- The calendar feed is fetched by a calendar app with no session: this finds
-- whose feed a token hash opens, and nothing else.
CREATE OR REPLACE FUNCTION pursuit.calendar_feed_owner(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT f.user_id FROM public.calendar_feeds f
    JOIN public.users u ON u.id = f.user_id AND u.disabled_at IS NULL
   WHERE f.token_hash = p_token_hash
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.calendar_feed_owner(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.calendar_feed_owner(text) TO pursuit_app;
--> statement-breakpoint
-- The history now also follows applied_at and the rejection reason.
DROP TRIGGER applications_record_stage ON applications;
--> statement-breakpoint
CREATE TRIGGER applications_record_stage
  AFTER INSERT OR UPDATE OF stage, applied_at, rejection_reason ON applications
  FOR EACH ROW EXECUTE FUNCTION pursuit.record_stage_change();
