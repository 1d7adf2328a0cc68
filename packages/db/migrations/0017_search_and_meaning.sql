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
-- on the few candidates the Hamming pass over `bits` keeps.
CREATE OR REPLACE FUNCTION pursuit.dot(a real[], b real[]) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT sum(x::double precision * y) FROM unnest(a, b) AS t(x, y)
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.dot(real[], real[]) TO pursuit_app;
--> statement-breakpoint
-- Why the two searches below are SECURITY DEFINER: under RLS, Postgres uses
-- an index only for leakproof operators, and neither @@ (full text) nor %
-- (trigram) is one (only a superuser could mark them so), so every search
-- as the request role read all of a person's rows (400 ms at 10,000
-- applications). These functions run the indexed part as the owner, after
-- checking the caller's access exactly as the read policies do: the
-- owner's rows; a grantee's (pursuit.can_read) without private
-- applications and what hangs off them. They return only ids and scores;
-- the caller then reads the rows themselves under RLS (search/query.ts).
-- Two planner hints, both measured in bench/search.ts: a prefix query
-- ("kube:*", as a person types) looks costly to a GIN index, so the planner
-- preferred reading all of the person's rows by the user_id btree and
-- parsing each text (300 ms); "(user_id = p_owner) IS TRUE" is the same
-- test in a form no btree serves, and enable_seqscan = off (for this
-- function only) leaves the GIN and trigram indexes as the way in. With
-- no other way in, the cached generic plan is the same as a custom one, so
-- PL/pgSQL's plan cache saves the planning of the six branches per call.
CREATE OR REPLACE FUNCTION pursuit.search_hits(
  p_owner uuid, p_words tsquery, p_simple tsquery, p_raw text, p_limit integer)
RETURNS TABLE (kind text, id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
SET enable_seqscan = off AS $$
#variable_conflict use_column
DECLARE
  me uuid := pursuit.current_user_id();
  mine boolean := p_owner = me;
BEGIN
  IF me IS NULL OR NOT (mine OR pursuit.can_read(p_owner)) THEN
    RETURN;
  END IF;
  RETURN QUERY
  -- One branch per index, each scored from what it found without parsing
  -- text again (ts_rank on the stored vector, similarity on the name), summed
  -- per application. A word in the person's own notes weighs most.
  (SELECT 'application'::text, s.id, sum(s.part)::real AS score
     FROM (SELECT a.id, ts_rank(a.search_vector, p_words) AS part
             FROM applications a
            WHERE (a.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
              AND a.search_vector @@ p_words
           UNION ALL
           SELECT a.id, 0.5
             FROM applications a
            WHERE (a.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
              AND to_tsvector('english', coalesce(a.notes, '')) @@ p_words
           UNION ALL
           SELECT a.id, similarity(a.company_name, p_raw)
             FROM applications a
            WHERE (a.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
              AND a.company_name % p_raw
           UNION ALL
           SELECT a.id, similarity(a.role_title, p_raw)
             FROM applications a
            WHERE (a.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
              AND a.role_title % p_raw) s
    GROUP BY s.id
    ORDER BY score DESC LIMIT p_limit)
  UNION ALL
  (SELECT 'interview'::text, i.id,
          ts_rank(to_tsvector('english', coalesce(i.notes, '') || ' ' || coalesce(i.location_or_link, '')), p_words)::real AS s
     FROM interviews i JOIN applications a ON a.id = i.application_id
    WHERE (i.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
      AND to_tsvector('english', coalesce(i.notes, '') || ' ' || coalesce(i.location_or_link, '')) @@ p_words
    ORDER BY s DESC LIMIT p_limit)
  UNION ALL
  (SELECT 'contact'::text, c.id,
          (ts_rank(to_tsvector('simple', c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.notes, '')), p_simple)
           + similarity(c.name, p_raw))::real AS s
     FROM contacts c JOIN applications a ON a.id = c.application_id
    WHERE (c.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
      AND (to_tsvector('simple', c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.notes, '')) @@ p_simple
           OR c.name % p_raw)
    ORDER BY s DESC LIMIT p_limit)
  UNION ALL
  (SELECT 'comment'::text, m.id, ts_rank(to_tsvector('english', m.body), p_words)::real AS s
     FROM comments m JOIN applications a ON a.id = m.application_id
    WHERE (m.owner_id = p_owner) IS TRUE AND m.deleted_at IS NULL AND (mine OR NOT a.private)
      AND to_tsvector('english', m.body) @@ p_words
    ORDER BY s DESC LIMIT p_limit)
  UNION ALL
  -- Ranking a letter means parsing it again, so only the most recent
  -- p_limit matching ones are ranked.
  (SELECT 'document'::text, r.id, ts_rank(to_tsvector('english', r.content), p_words)::real
     FROM (SELECT d.id, v.content
             FROM document_versions v
             JOIN documents d ON d.id = v.document_id AND d.current_version = v.version
             JOIN applications a ON a.id = d.application_id
            WHERE (v.user_id = p_owner) IS TRUE AND (mine OR NOT a.private)
              AND to_tsvector('english', v.content) @@ p_words
            ORDER BY v.created_at DESC LIMIT p_limit) r)
  UNION ALL
  (SELECT 'resume'::text, r.id, ts_rank(to_tsvector('english', r.name || ' ' || r.content), p_words)::real AS s
     FROM resumes r
    WHERE (r.user_id = p_owner) IS TRUE
      AND to_tsvector('english', r.name || ' ' || r.content) @@ p_words
    ORDER BY s DESC LIMIT p_limit);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.search_hits(uuid, tsquery, tsquery, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.search_hits(uuid, tsquery, tsquery, text, integer) TO pursuit_app;
--> statement-breakpoint
-- The nearest vectors of one model to p_vector, in two passes: the Hamming
-- distance of the 256-bit sign hashes orders all of the owner's vectors
-- (bit_count of an XOR, in C) and keeps p_candidates; the exact dot product
-- ranks those. No pgvector: the embedded server has none (search/meaning.ts).
-- Access is checked as in search_hits above.
CREATE OR REPLACE FUNCTION pursuit.nearest_embeddings(
  p_owner uuid, p_model text, p_vector real[], p_bits bit varying,
  p_applications_only boolean, p_exclude uuid, p_candidates integer)
RETURNS TABLE (application_id uuid, document_id uuid, similarity double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
DECLARE
  me uuid := pursuit.current_user_id();
  mine boolean := p_owner = me;
BEGIN
  IF me IS NULL OR NOT (mine OR pursuit.can_read(p_owner)) THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT c.application_id, c.document_id, pursuit.dot(c.vector, p_vector)
    FROM (SELECT e.application_id, e.document_id, e.vector
            FROM embeddings e
           WHERE e.user_id = p_owner AND e.model = p_model
             AND e.dims = cardinality(p_vector) AND length(e.bits) = length(p_bits)
             AND (NOT p_applications_only OR e.subject_kind = 'application')
             AND (p_exclude IS NULL OR e.application_id <> p_exclude)
             AND (mine OR NOT EXISTS (SELECT 1 FROM applications a
                                       WHERE a.id = e.application_id AND a.private))
           ORDER BY bit_count(e.bits # p_bits)
           LIMIT p_candidates) c;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.nearest_embeddings(uuid, text, real[], bit varying, boolean, uuid, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.nearest_embeddings(uuid, text, real[], bit varying, boolean, uuid, integer) TO pursuit_app;
