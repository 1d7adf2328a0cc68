-- Documents (0007): what drizzle cannot express. FORCE RLS and grants, the
-- triggers that derive an application's phase flags and match score, the
-- atomic quota function, and the change feed for every new table.
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE match_results FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE quota_usage FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE quota_history FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON documents TO pursuit_app;
--> statement-breakpoint
-- Versions are immutable but for their expiry, which superseding sets.
GRANT SELECT, INSERT ON document_versions TO pursuit_app;
--> statement-breakpoint
GRANT UPDATE (expires_at) ON document_versions TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON match_results TO pursuit_app;
--> statement-breakpoint
-- Quotas are read by people and changed only by pursuit.consume_quota.
GRANT SELECT ON quota_usage TO pursuit_app;
--> statement-breakpoint
GRANT SELECT ON quota_history TO pursuit_app;
--> statement-breakpoint
CREATE TRIGGER documents_touch_updated_at BEFORE UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
-- Phase flags follow the documents that have a ready version: research →
-- research_completed, tailored resume → resume_optimized, cover letter →
-- cover_letter_generated. Each needs the one before, so the CHECKs on
-- applications always hold. Definer: the flags are not the person's to set.
CREATE OR REPLACE FUNCTION pursuit.derive_phase_flags() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  has_research boolean;
  has_resume boolean;
  has_letter boolean;
BEGIN
  SELECT
    bool_or(type = 'research_report' AND current_version IS NOT NULL),
    bool_or(type = 'optimized_resume' AND current_version IS NOT NULL),
    bool_or(type = 'cover_letter' AND current_version IS NOT NULL)
  INTO has_research, has_resume, has_letter
  FROM public.documents WHERE application_id = NEW.application_id;
  has_research := coalesce(has_research, false);
  has_resume := has_research AND coalesce(has_resume, false);
  has_letter := has_resume AND coalesce(has_letter, false);
  UPDATE public.applications
     SET research_completed = has_research,
         resume_optimized = has_resume,
         cover_letter_generated = has_letter
   WHERE id = NEW.application_id
     AND (research_completed, resume_optimized, cover_letter_generated)
         IS DISTINCT FROM (has_research, has_resume, has_letter);
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.derive_phase_flags() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER documents_derive_phase_flags AFTER INSERT OR UPDATE OF current_version ON documents
  FOR EACH ROW EXECUTE FUNCTION pursuit.derive_phase_flags();
--> statement-breakpoint
-- The newest match result's score is the application's match score.
CREATE OR REPLACE FUNCTION pursuit.mirror_match_score() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE public.applications SET match_score = NEW.score
   WHERE id = NEW.application_id AND match_score IS DISTINCT FROM NEW.score;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.mirror_match_score() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER match_results_mirror_score AFTER INSERT ON match_results
  FOR EACH ROW EXECUTE FUNCTION pursuit.mirror_match_score();
--> statement-breakpoint
-- Takes one unit of the signed-in user's monthly quota, atomically: the row
-- lock of the UPDATE serialises concurrent requests and each re-checks
-- used < limit after the one before it commits, so 20 concurrent requests
-- with 10 left succeed exactly 10 times. NULL limit = unlimited (still counted).
CREATE OR REPLACE FUNCTION pursuit.consume_quota(
  p_type public.quota_type, p_limit integer, p_application uuid, p_document uuid
) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  uid uuid := pursuit.current_user_id();
  month text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM');
  taken integer;
BEGIN
  IF uid IS NULL THEN
    RETURN false;
  END IF;
  INSERT INTO public.quota_usage (user_id, type, period, used, "limit")
  VALUES (uid, p_type, month, 0, p_limit)
  ON CONFLICT (user_id, type, period) DO NOTHING;
  UPDATE public.quota_usage
     SET used = used + 1, "limit" = p_limit, updated_at = now()
   WHERE user_id = uid AND type = p_type AND period = month
     AND (p_limit IS NULL OR used < p_limit)
  RETURNING used INTO taken;
  IF taken IS NULL THEN
    RETURN false;
  END IF;
  INSERT INTO public.quota_history (user_id, type, period, application_id, document_id)
  VALUES (uid, p_type, month, p_application, p_document);
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.consume_quota(public.quota_type, integer, uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.consume_quota(public.quota_type, integer, uuid, uuid) TO pursuit_app;
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.documents');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.document_versions');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.match_results');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.quota_usage');
