CREATE TYPE "public"."embedding_subject" AS ENUM('application', 'document_version');--> statement-breakpoint
CREATE TABLE "embeddings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"subject_kind" "embedding_subject" NOT NULL,
	"document_id" uuid,
	"model" text NOT NULL,
	"dims" integer NOT NULL,
	"vector" real[] NOT NULL,
	"bits" bit varying NOT NULL,
	"content_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embeddings_subject_model_key" UNIQUE NULLS NOT DISTINCT("application_id","document_id","model"),
	CONSTRAINT "embeddings_subject_shape" CHECK (("embeddings"."subject_kind" = 'application') = ("embeddings"."document_id" is null)),
	CONSTRAINT "embeddings_dims_match" CHECK (cardinality("embeddings"."vector") = "embeddings"."dims")
);
--> statement-breakpoint
ALTER TABLE "embeddings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "embeddings" ADD CONSTRAINT "embeddings_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embeddings" ADD CONSTRAINT "embeddings_document_fk" FOREIGN KEY ("document_id","user_id") REFERENCES "public"."documents"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "embeddings_user_model_idx" ON "embeddings" USING btree ("user_id","model","subject_kind");--> statement-breakpoint
CREATE POLICY "owner can read embedding" ON "embeddings" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING (("embeddings"."user_id" = (select pursuit.current_user_id()) or pursuit.can_read_application("embeddings"."user_id", "embeddings"."application_id")));--> statement-breakpoint
CREATE POLICY "owner can insert embedding" ON "embeddings" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("embeddings"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can update embedding" ON "embeddings" AS PERMISSIVE FOR UPDATE TO "pursuit_app" USING ("embeddings"."user_id" = (select pursuit.current_user_id())) WITH CHECK ("embeddings"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can delete embedding" ON "embeddings" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("embeddings"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
-- hand-written below
-- Issue 14, search by words and by meaning (helper C). Everything drizzle
-- cannot express: FORCE RLS and grants for embeddings, pg_trgm and the search
-- indexes (their expressions are repeated word for word in
-- packages/api/src/search/words.ts, or the planner will not use them), and the
-- trigger that queues an embedding when the text it was made from changes.
ALTER TABLE embeddings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON embeddings TO pursuit_app;--> statement-breakpoint
CREATE TRIGGER embeddings_touch_updated_at BEFORE UPDATE ON embeddings
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
-- Trusted since Postgres 13, so the owner role may create it; helper B's
-- migration creates it too, hence "if not exists".
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- applications.search_vector covers role, company and description; notes have their own index.
CREATE INDEX IF NOT EXISTS applications_notes_search_idx ON applications
  USING gin (to_tsvector('english', coalesce(notes, '')));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_company_name_trgm_idx ON applications
  USING gin (company_name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_role_title_trgm_idx ON applications
  USING gin (role_title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS interviews_search_idx ON interviews
  USING gin (to_tsvector('english', coalesce(notes, '') || ' ' || coalesce(location_or_link, '')));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_search_idx ON contacts
  USING gin (to_tsvector('simple', name || ' ' || coalesce(email, '') || ' ' || coalesce(role, '') || ' ' || coalesce(notes, '')));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_name_trgm_idx ON contacts
  USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS comments_search_idx ON comments
  USING gin (to_tsvector('english', body));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS document_versions_search_idx ON document_versions
  USING gin (to_tsvector('english', content));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS resumes_search_idx ON resumes
  USING gin (to_tsvector('english', name || ' ' || content));
--> statement-breakpoint
-- Queues the job that embeds an application's role and description or a document's
-- current version, whoever changed it (a procedure, an import, psql). The
-- queue is graphile-worker's, created by the worker at start-up: before it
-- exists (tests without a worker, a fresh database) nothing is queued and the
-- worker's catch-up sweep embeds what is missing. The job key is the subject,
-- so a burst of edits runs the job once, a second after the last.
CREATE OR REPLACE FUNCTION pursuit.enqueue_embedding() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  subject uuid;
  document uuid;
BEGIN
  IF to_regprocedure('graphile_worker.add_job(text,json,text,timestamptz,integer,text,integer,text[],text)') IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'applications' THEN
    IF TG_OP = 'UPDATE' AND NEW.job_description IS NOT DISTINCT FROM OLD.job_description
       AND NEW.role_title IS NOT DISTINCT FROM OLD.role_title THEN
      RETURN NULL;
    END IF;
    subject := NEW.id;
  ELSE
    IF NEW.current_version IS NULL
       OR (TG_OP = 'UPDATE' AND NEW.current_version IS NOT DISTINCT FROM OLD.current_version) THEN
      RETURN NULL;
    END IF;
    subject := NEW.application_id;
    document := NEW.id;
  END IF;
  EXECUTE 'SELECT graphile_worker.add_job($1, $2, job_key => $3, run_at => now() + interval ''1 second'', max_attempts => 5)'
    USING 'pursuit_embed',
          json_build_object('userId', NEW.user_id, 'applicationId', subject, 'documentId', document),
          'pursuit_embed:' || coalesce(document, subject)::text;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.enqueue_embedding() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER applications_enqueue_embedding
  AFTER INSERT OR UPDATE OF job_description, role_title ON applications
  FOR EACH ROW EXECUTE FUNCTION pursuit.enqueue_embedding();
--> statement-breakpoint
CREATE TRIGGER documents_enqueue_embedding
  AFTER INSERT OR UPDATE OF current_version ON documents
  FOR EACH ROW EXECUTE FUNCTION pursuit.enqueue_embedding();
--> statement-breakpoint
-- Cosine similarity of two L2-normalised vectors: their dot product. Run only
-- on the few candidates the Hamming pass over `bits` keeps (search/meaning.ts).
CREATE OR REPLACE FUNCTION pursuit.dot(a real[], b real[]) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT sum(x::double precision * y) FROM unnest(a, b) AS t(x, y)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.dot(real[], real[]) TO pursuit_app;
