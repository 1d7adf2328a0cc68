CREATE TYPE "public"."document_status" AS ENUM('idle', 'queued', 'generating', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."document_type" AS ENUM('research_report', 'optimized_resume', 'cover_letter');--> statement-breakpoint
CREATE TYPE "public"."quota_type" AS ENUM('ai_analysis', 'generation');--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"generator" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_edited" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "document_versions_document_version_key" UNIQUE("document_id","version"),
	CONSTRAINT "document_versions_version_positive" CHECK ("document_versions"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "document_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "document_type" NOT NULL,
	"current_version" integer,
	"status" "document_status" DEFAULT 'idle' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"draft" text,
	"job_id" text,
	"generator" text,
	"started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_application_type_key" UNIQUE("application_id","type"),
	CONSTRAINT "documents_progress_range" CHECK ("documents"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "match_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"strengths" text[] DEFAULT '{}'::text[] NOT NULL,
	"weaknesses" text[] DEFAULT '{}'::text[] NOT NULL,
	"highlights" text[] DEFAULT '{}'::text[] NOT NULL,
	"feedback" text NOT NULL,
	"generator" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_results_score_range" CHECK ("match_results"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "match_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quota_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "quota_type" NOT NULL,
	"period" text NOT NULL,
	"application_id" uuid,
	"document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quota_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quota_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "quota_type" NOT NULL,
	"period" text NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"limit" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quota_usage_user_type_period_key" UNIQUE("user_id","type","period"),
	CONSTRAINT "quota_usage_within_limit" CHECK ("quota_usage"."limit" is null or "quota_usage"."used" <= "quota_usage"."limit")
);
--> statement-breakpoint
ALTER TABLE "quota_usage" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_results" ADD CONSTRAINT "match_results_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_history" ADD CONSTRAINT "quota_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_usage" ADD CONSTRAINT "quota_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_versions_expires_idx" ON "document_versions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "documents_user_status_idx" ON "documents" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "match_results_application_idx" ON "match_results" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "quota_history_user_idx" ON "quota_history" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE POLICY "owner can read document version" ON "document_versions" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("document_versions"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert document version" ON "document_versions" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("document_versions"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update document version" ON "document_versions" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("document_versions"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("document_versions"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read document" ON "documents" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("documents"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert document" ON "documents" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("documents"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update document" ON "documents" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("documents"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("documents"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read match result" ON "match_results" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("match_results"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can insert match result" ON "match_results" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("match_results"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can read quota history" ON "quota_history" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("quota_history"."user_id")));--> statement-breakpoint
CREATE POLICY "owner can read quota usage" ON "quota_usage" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ((select pursuit.can_read("quota_usage"."user_id")));