-- Generated, then the security part appended by hand (see the end).
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"highlights" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"url" text,
	"start_date" text,
	"end_date" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_name_present" CHECK (char_length(btrim("projects"."name")) > 0),
	CONSTRAINT "projects_start_date_format" CHECK ("projects"."start_date" is null or "projects"."start_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "projects_end_date_format" CHECK ("projects"."end_date" is null or "projects"."end_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "projects_end_after_start" CHECK ("projects"."end_date" is null or "projects"."start_date" is null or left("projects"."end_date", least(char_length("projects"."end_date"), char_length("projects"."start_date"))) collate "C" >= left("projects"."start_date", least(char_length("projects"."end_date"), char_length("projects"."start_date"))) collate "C"),
	CONSTRAINT "projects_url_http" CHECK ("projects"."url" is null or "projects"."url" ~* '^https?://')
);
--> statement-breakpoint
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "education" ADD COLUMN "courses" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "match_results" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_user_position_idx" ON "projects" USING btree ("user_id","position");--> statement-breakpoint
CREATE POLICY "owner can read project" ON "projects" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("projects"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert project" ON "projects" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("projects"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update project" ON "projects" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("projects"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("projects"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete project" ON "projects" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("projects"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
-- What drizzle cannot express (as 0006 does for the other profile tables):
-- FORCE RLS and grants for projects, its updated_at trigger and the change feed.
ALTER TABLE projects FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO pursuit_app;--> statement-breakpoint
CREATE TRIGGER projects_touch_updated_at BEFORE UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.projects');
