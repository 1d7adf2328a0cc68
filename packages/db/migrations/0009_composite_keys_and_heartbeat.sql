-- Generated, then ordered by hand: the unique key a composite foreign key
-- references must exist first, rows that could not satisfy the new keys are
-- repaired before the keys are added, and quota_history's references use
-- ON DELETE SET NULL (column) (Postgres 15+), which drizzle cannot express:
-- deleting an application or document clears that reference, never user_id.
ALTER TABLE "documents" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_id_user_id_key" UNIQUE("id","user_id");--> statement-breakpoint
UPDATE "document_versions" v SET "user_id" = d."user_id"
  FROM "documents" d WHERE d."id" = v."document_id" AND v."user_id" <> d."user_id";--> statement-breakpoint
UPDATE "quota_history" h SET "application_id" = NULL
 WHERE h."application_id" IS NOT NULL AND NOT EXISTS (
   SELECT 1 FROM "applications" a WHERE a."id" = h."application_id" AND a."user_id" = h."user_id");--> statement-breakpoint
UPDATE "quota_history" h SET "document_id" = NULL
 WHERE h."document_id" IS NOT NULL AND NOT EXISTS (
   SELECT 1 FROM "documents" d WHERE d."id" = h."document_id" AND d."user_id" = h."user_id");--> statement-breakpoint
ALTER TABLE "document_versions" DROP CONSTRAINT "document_versions_document_id_documents_id_fk";--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_fk" FOREIGN KEY ("document_id","user_id") REFERENCES "public"."documents"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_history" ADD CONSTRAINT "quota_history_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE SET NULL ("application_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_history" ADD CONSTRAINT "quota_history_document_fk" FOREIGN KEY ("document_id","user_id") REFERENCES "public"."documents"("id","user_id") ON DELETE SET NULL ("document_id") ON UPDATE no action;
