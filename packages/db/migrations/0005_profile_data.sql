CREATE TYPE "public"."skill_category" AS ENUM('technical', 'tool', 'language', 'soft', 'domain');--> statement-breakpoint
CREATE TYPE "public"."skill_proficiency" AS ENUM('beginner', 'intermediate', 'advanced', 'expert');--> statement-breakpoint
CREATE TABLE "work_experiences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"company" text NOT NULL,
	"title" text NOT NULL,
	"location" text,
	"start_date" text,
	"end_date" text,
	"is_current" boolean DEFAULT false NOT NULL,
	"description" text,
	"achievements" text[] DEFAULT '{}'::text[] NOT NULL,
	"technologies" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_experiences_company_present" CHECK (char_length(btrim("work_experiences"."company")) > 0),
	CONSTRAINT "work_experiences_title_present" CHECK (char_length(btrim("work_experiences"."title")) > 0),
	CONSTRAINT "work_experiences_start_date_format" CHECK ("work_experiences"."start_date" is null or "work_experiences"."start_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "work_experiences_end_date_format" CHECK ("work_experiences"."end_date" is null or "work_experiences"."end_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "work_experiences_end_after_start" CHECK ("work_experiences"."end_date" is null or "work_experiences"."start_date" is null or left("work_experiences"."end_date", least(char_length("work_experiences"."end_date"), char_length("work_experiences"."start_date"))) collate "C" >= left("work_experiences"."start_date", least(char_length("work_experiences"."end_date"), char_length("work_experiences"."start_date"))) collate "C"),
	CONSTRAINT "work_experiences_current_has_no_end" CHECK (not "work_experiences"."is_current" or "work_experiences"."end_date" is null)
);
--> statement-breakpoint
ALTER TABLE "work_experiences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "education" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"institution" text NOT NULL,
	"degree" text,
	"field_of_study" text,
	"start_date" text,
	"end_date" text,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "education_institution_present" CHECK (char_length(btrim("education"."institution")) > 0),
	CONSTRAINT "education_start_date_format" CHECK ("education"."start_date" is null or "education"."start_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "education_end_date_format" CHECK ("education"."end_date" is null or "education"."end_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "education_end_after_start" CHECK ("education"."end_date" is null or "education"."start_date" is null or left("education"."end_date", least(char_length("education"."end_date"), char_length("education"."start_date"))) collate "C" >= left("education"."start_date", least(char_length("education"."end_date"), char_length("education"."start_date"))) collate "C")
);
--> statement-breakpoint
ALTER TABLE "education" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"issuing_organization" text,
	"issue_date" text,
	"expiry_date" text,
	"credential_id" text,
	"url" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certifications_name_present" CHECK (char_length(btrim("certifications"."name")) > 0),
	CONSTRAINT "certifications_issue_date_format" CHECK ("certifications"."issue_date" is null or "certifications"."issue_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "certifications_expiry_date_format" CHECK ("certifications"."expiry_date" is null or "certifications"."expiry_date" ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
	CONSTRAINT "certifications_expiry_after_issue" CHECK ("certifications"."expiry_date" is null or "certifications"."issue_date" is null or left("certifications"."expiry_date", least(char_length("certifications"."expiry_date"), char_length("certifications"."issue_date"))) collate "C" >= left("certifications"."issue_date", least(char_length("certifications"."expiry_date"), char_length("certifications"."issue_date"))) collate "C"),
	CONSTRAINT "certifications_url_http" CHECK ("certifications"."url" is null or "certifications"."url" ~* '^https?://')
);
--> statement-breakpoint
ALTER TABLE "certifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" "skill_category" DEFAULT 'technical' NOT NULL,
	"proficiency" "skill_proficiency",
	"years" integer,
	"is_primary" boolean DEFAULT false NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skills_name_present" CHECK (char_length(btrim("skills"."name")) > 0),
	CONSTRAINT "skills_years_range" CHECK ("skills"."years" is null or "skills"."years" between 0 and 80)
);
--> statement-breakpoint
ALTER TABLE "skills" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resumes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content" text NOT NULL,
	"focus_area" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resumes_name_present" CHECK (char_length(btrim("resumes"."name")) > 0),
	CONSTRAINT "resumes_content_length" CHECK (char_length("resumes"."content") >= 100)
);
--> statement-breakpoint
ALTER TABLE "resumes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "years_of_experience" integer;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "target_salary_min" integer;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "target_salary_max" integer;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "target_salary_currency" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "preferred_work_arrangements" "work_arrangement"[] DEFAULT '{}'::work_arrangement[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "willing_to_relocate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "generator_context" text;--> statement-breakpoint
ALTER TABLE "work_experiences" ADD CONSTRAINT "work_experiences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education" ADD CONSTRAINT "education_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resumes" ADD CONSTRAINT "resumes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_experiences_user_position_idx" ON "work_experiences" USING btree ("user_id","position");--> statement-breakpoint
CREATE INDEX "education_user_position_idx" ON "education" USING btree ("user_id","position");--> statement-breakpoint
CREATE INDEX "certifications_user_position_idx" ON "certifications" USING btree ("user_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_user_name_key" ON "skills" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "resumes_one_primary_per_user" ON "resumes" USING btree ("user_id") WHERE "resumes"."is_primary";--> statement-breakpoint
CREATE INDEX "resumes_user_updated_idx" ON "resumes" USING btree ("user_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_target_salary_range" CHECK ("profiles"."target_salary_min" is null or "profiles"."target_salary_max" is null or "profiles"."target_salary_min" <= "profiles"."target_salary_max");--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_target_salary_non_negative" CHECK (coalesce("profiles"."target_salary_min", 0) >= 0 and coalesce("profiles"."target_salary_max", 0) >= 0);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_target_salary_currency_code" CHECK ("profiles"."target_salary_currency" is null or "profiles"."target_salary_currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_years_of_experience_range" CHECK ("profiles"."years_of_experience" is null or "profiles"."years_of_experience" between 0 and 80);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_links_array" CHECK (jsonb_typeof("profiles"."links") = 'array');--> statement-breakpoint
CREATE POLICY "owner can read work experience" ON "work_experiences" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("work_experiences"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert work experience" ON "work_experiences" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("work_experiences"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update work experience" ON "work_experiences" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("work_experiences"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("work_experiences"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete work experience" ON "work_experiences" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("work_experiences"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read education" ON "education" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("education"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert education" ON "education" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("education"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update education" ON "education" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("education"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("education"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete education" ON "education" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("education"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read certification" ON "certifications" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("certifications"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert certification" ON "certifications" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("certifications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update certification" ON "certifications" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("certifications"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("certifications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete certification" ON "certifications" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("certifications"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read skill" ON "skills" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("skills"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert skill" ON "skills" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("skills"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update skill" ON "skills" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("skills"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("skills"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete skill" ON "skills" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("skills"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read resume" ON "resumes" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("resumes"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert resume" ON "resumes" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("resumes"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update resume" ON "resumes" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("resumes"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("resumes"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete resume" ON "resumes" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("resumes"."user_id" = (select pursuit.current_user_id()));