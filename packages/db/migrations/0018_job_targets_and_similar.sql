CREATE TABLE "job_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"titles" text[] DEFAULT '{}'::text[] NOT NULL,
	"preferred_companies" text[] DEFAULT '{}'::text[] NOT NULL,
	"avoided_companies" text[] DEFAULT '{}'::text[] NOT NULL,
	"salary_floor" integer,
	"salary_currency" text,
	"work_arrangements" "work_arrangement"[] DEFAULT '{}'::work_arrangement[] NOT NULL,
	"employment_types" "employment_type"[] DEFAULT '{}'::employment_type[] NOT NULL,
	"locations" text[] DEFAULT '{}'::text[] NOT NULL,
	"must_have_keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"excluded_keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_targets_name_length" CHECK (char_length(btrim("job_targets"."name")) between 1 and 100),
	CONSTRAINT "job_targets_salary_floor_range" CHECK ("job_targets"."salary_floor" is null or "job_targets"."salary_floor" between 0 and 100000000),
	CONSTRAINT "job_targets_salary_currency_code" CHECK ("job_targets"."salary_currency" is null or "job_targets"."salary_currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "job_targets_salary_needs_currency" CHECK ("job_targets"."salary_floor" is null or "job_targets"."salary_currency" is not null),
	CONSTRAINT "job_targets_titles_size" CHECK (cardinality("job_targets"."titles") <= 50 and char_length(array_to_string("job_targets"."titles", '')) <= 10000),
	CONSTRAINT "job_targets_preferred_companies_size" CHECK (cardinality("job_targets"."preferred_companies") <= 50 and char_length(array_to_string("job_targets"."preferred_companies", '')) <= 10000),
	CONSTRAINT "job_targets_avoided_companies_size" CHECK (cardinality("job_targets"."avoided_companies") <= 50 and char_length(array_to_string("job_targets"."avoided_companies", '')) <= 10000),
	CONSTRAINT "job_targets_locations_size" CHECK (cardinality("job_targets"."locations") <= 50 and char_length(array_to_string("job_targets"."locations", '')) <= 10000),
	CONSTRAINT "job_targets_must_have_keywords_size" CHECK (cardinality("job_targets"."must_have_keywords") <= 50 and char_length(array_to_string("job_targets"."must_have_keywords", '')) <= 10000),
	CONSTRAINT "job_targets_excluded_keywords_size" CHECK (cardinality("job_targets"."excluded_keywords") <= 50 and char_length(array_to_string("job_targets"."excluded_keywords", '')) <= 10000)
);
--> statement-breakpoint
ALTER TABLE "job_targets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "job_targets" ADD CONSTRAINT "job_targets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_targets_user_idx" ON "job_targets" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE POLICY "owner can read job target" ON "job_targets" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING (("job_targets"."user_id" = (select pursuit.current_user_id()) or (select pursuit.can_read("job_targets"."user_id"))));--> statement-breakpoint
CREATE POLICY "owner can insert job target" ON "job_targets" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("job_targets"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update job target" ON "job_targets" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("job_targets"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("job_targets"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete job target" ON "job_targets" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("job_targets"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
-- hand-written below
-- What drizzle cannot express: FORCE RLS, grants, triggers, the change feed,
-- the pg_trgm extension and its index. (Issue 14, helper B: job targets and
-- "did I apply here?".)
ALTER TABLE job_targets FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON job_targets TO pursuit_app;--> statement-breakpoint
CREATE TRIGGER job_targets_touch_updated_at BEFORE UPDATE ON job_targets
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.job_targets');
--> statement-breakpoint
-- Trigram similarity of role titles for application.similar ("did I apply
-- here?"). pg_trgm is a trusted extension; search (issue 14) wants it too,
-- hence IF NOT EXISTS on both sides.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_role_title_trgm_idx ON applications
  USING gin (role_title gin_trgm_ops);
