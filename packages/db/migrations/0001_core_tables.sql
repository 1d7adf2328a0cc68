CREATE TYPE "public"."user_role" AS ENUM('user', 'admin');--> statement-breakpoint
CREATE TYPE "public"."changed_by" AS ENUM('user', 'system');--> statement-breakpoint
CREATE TYPE "public"."employment_type" AS ENUM('full_time', 'part_time', 'contract', 'freelance', 'internship');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."application_stage" AS ENUM('interested', 'applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."work_arrangement" AS ENUM('remote', 'hybrid', 'onsite');--> statement-breakpoint
CREATE TYPE "public"."interview_kind" AS ENUM('phone_screen', 'technical', 'onsite', 'behavioral', 'final', 'other');--> statement-breakpoint
CREATE TYPE "public"."interview_outcome" AS ENUM('pending', 'passed', 'failed');--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_agent" text,
	"ip" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" DEFAULT 'user' NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"first_name" text,
	"last_name" text,
	"headline" text,
	"location" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
ALTER TABLE "profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "application_stage_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from_stage" "application_stage",
	"to_stage" "application_stage" NOT NULL,
	"note" text,
	"changed_by" "changed_by" DEFAULT 'user' NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_stage_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"company_name" text NOT NULL,
	"role_title" text NOT NULL,
	"job_url" text,
	"job_description" text NOT NULL,
	"location" text,
	"work_arrangement" "work_arrangement",
	"employment_type" "employment_type",
	"salary_min" integer,
	"salary_max" integer,
	"salary_currency" text,
	"priority" "priority" DEFAULT 'medium' NOT NULL,
	"stage" "application_stage" DEFAULT 'interested' NOT NULL,
	"research_completed" boolean DEFAULT false NOT NULL,
	"resume_optimized" boolean DEFAULT false NOT NULL,
	"cover_letter_generated" boolean DEFAULT false NOT NULL,
	"match_score" integer,
	"notes" text,
	"source" text,
	"applied_at" timestamp with time zone,
	"follow_up_on" date,
	"position" text NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(role_title, '')), 'A') || setweight(to_tsvector('english', coalesce(company_name, '')), 'A') || setweight(to_tsvector('english', coalesce(job_description, '')), 'B')) STORED,
	CONSTRAINT "applications_id_user_id_key" UNIQUE("id","user_id"),
	CONSTRAINT "applications_job_url_http" CHECK ("applications"."job_url" ~* '^https?://'),
	CONSTRAINT "applications_job_description_length" CHECK (char_length("applications"."job_description") >= 50),
	CONSTRAINT "applications_role_title_present" CHECK (char_length(btrim("applications"."role_title")) > 0),
	CONSTRAINT "applications_salary_range" CHECK ("applications"."salary_min" is null or "applications"."salary_max" is null or "applications"."salary_min" <= "applications"."salary_max"),
	CONSTRAINT "applications_salary_non_negative" CHECK (coalesce("applications"."salary_min", 0) >= 0 and coalesce("applications"."salary_max", 0) >= 0),
	CONSTRAINT "applications_match_score_range" CHECK ("applications"."match_score" between 0 and 100),
	CONSTRAINT "applications_resume_after_research" CHECK (not "applications"."resume_optimized" or "applications"."research_completed"),
	CONSTRAINT "applications_cover_letter_after_resume" CHECK (not "applications"."cover_letter_generated" or "applications"."resume_optimized")
);
--> statement-breakpoint
ALTER TABLE "applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"kind" "interview_kind" DEFAULT 'other' NOT NULL,
	"location_or_link" text,
	"notes" text,
	"outcome" "interview_outcome" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviews_duration_range" CHECK ("interviews"."duration_minutes" is null or "interviews"."duration_minutes" between 1 and 1440)
);
--> statement-breakpoint
ALTER TABLE "interviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"email" text,
	"phone" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_stage_history" ADD CONSTRAINT "application_stage_history_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "companies_name_lower_key" ON "companies" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "application_stage_history_application_idx" ON "application_stage_history" USING btree ("application_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_user_job_url_key" ON "applications" USING btree ("user_id","job_url") WHERE "applications"."job_url" is not null;--> statement-breakpoint
CREATE INDEX "applications_user_stage_position_idx" ON "applications" USING btree ("user_id","stage","position");--> statement-breakpoint
CREATE INDEX "applications_user_updated_idx" ON "applications" USING btree ("user_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "applications_user_follow_up_idx" ON "applications" USING btree ("user_id","follow_up_on");--> statement-breakpoint
CREATE INDEX "applications_search_idx" ON "applications" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "interviews_application_idx" ON "interviews" USING btree ("application_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "interviews_user_scheduled_idx" ON "interviews" USING btree ("user_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "contacts_application_idx" ON "contacts" USING btree ("application_id");--> statement-breakpoint
CREATE POLICY "user can read own sessions" ON "sessions" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("sessions"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "user can create own session" ON "sessions" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("sessions"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "user can update own session" ON "sessions" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("sessions"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("sessions"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "user can delete own session" ON "sessions" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("sessions"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "user can read own account" ON "users" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("users"."id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "user can create own account" ON "users" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("users"."id" = (select pursuit.current_user_id()) and "users"."role" = 'user');--> statement-breakpoint
CREATE POLICY "user can update own account" ON "users" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("users"."id" = (select pursuit.current_user_id())) WITH CHECK ("users"."id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "user can delete own account" ON "users" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("users"."id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read profile" ON "profiles" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("profiles"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can update profile" ON "profiles" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("profiles"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("profiles"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "signed-in user can read companies" ON "companies" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.current_user_id()) is not null);--> statement-breakpoint
CREATE POLICY "signed-in user can add company" ON "companies" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ((select pursuit.current_user_id()) is not null);--> statement-breakpoint
CREATE POLICY "owner can read stage history" ON "application_stage_history" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("application_stage_history"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can read application" ON "applications" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("applications"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert application" ON "applications" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("applications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update application" ON "applications" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("applications"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("applications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete application" ON "applications" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("applications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read interview" ON "interviews" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("interviews"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert interview" ON "interviews" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("interviews"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update interview" ON "interviews" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("interviews"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("interviews"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete interview" ON "interviews" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("interviews"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read contact" ON "contacts" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("contacts"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert contact" ON "contacts" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("contacts"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update contact" ON "contacts" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("contacts"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("contacts"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete contact" ON "contacts" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("contacts"."user_id" = (select pursuit.current_user_id()));