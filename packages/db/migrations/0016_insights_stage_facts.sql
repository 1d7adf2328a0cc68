CREATE TABLE "application_stage_facts" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"stage" "application_stage" NOT NULL,
	"source" text,
	"private" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"applied_time" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"reached_interviewing" boolean DEFAULT false NOT NULL,
	"reached_offer" boolean DEFAULT false NOT NULL,
	"reached_accepted" boolean DEFAULT false NOT NULL,
	"closed_stages" "application_stage"[] NOT NULL,
	"closed_days" double precision[] NOT NULL,
	"open_stage" "application_stage",
	"open_entered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "application_stage_facts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "application_stage_facts" ADD CONSTRAINT "application_stage_facts_application_fk" FOREIGN KEY ("application_id","user_id") REFERENCES "public"."applications"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_stage_facts_user_idx" ON "application_stage_facts" USING btree ("user_id");--> statement-breakpoint
CREATE POLICY "owner can read stage facts" ON "application_stage_facts" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("application_stage_facts"."user_id" = (select pursuit.current_user_id()) or (not "application_stage_facts"."private" and "application_stage_facts"."user_id" in (
        select s.owner_id from shares s
         where s.grantee_id = (select pursuit.current_user_id()) and s.revoked_at is null)));--> statement-breakpoint
-- hand-written below
ALTER TABLE application_stage_facts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON application_stage_facts TO pursuit_app;--> statement-breakpoint
-- Recomputes the facts of the given applications from each application row
-- and all its history rows (ordered as the history is everywhere: by time, a
-- card's first row first on a tie, then id). An application that no longer
-- exists has none (its row went with it, by the foreign key).
-- Runs as the owner: an editor's move writes the owner's facts, and people
-- cannot write this table themselves.
CREATE OR REPLACE FUNCTION pursuit_internal.refresh_stage_facts(ids uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  INSERT INTO public.application_stage_facts AS f
         (application_id, user_id, stage, source, private, created_at, applied_time, first_response_at,
          reached_interviewing, reached_offer, reached_accepted,
          closed_stages, closed_days, open_stage, open_entered_at)
  SELECT a.id, a.user_id, a.stage, a.source, a.private, a.created_at,
         least(a.applied_at, h.first_past_interested),
         h.first_response,
         coalesce(h.reached_interviewing, false),
         coalesce(h.reached_offer, false),
         coalesce(h.reached_accepted, false),
         coalesce(h.closed_stages, '{}'),
         coalesce(h.closed_days, '{}'),
         h.open_stage,
         h.open_entered_at
    FROM public.applications a
    LEFT JOIN LATERAL (
      SELECT min(s.changed_at) FILTER (WHERE s.to_stage <> 'interested') AS first_past_interested,
             min(s.changed_at) FILTER (
               WHERE s.to_stage IN ('interviewing', 'offer', 'accepted', 'rejected')) AS first_response,
             bool_or(s.to_stage IN ('interviewing', 'offer', 'accepted')) AS reached_interviewing,
             bool_or(s.to_stage IN ('offer', 'accepted')) AS reached_offer,
             bool_or(s.to_stage = 'accepted') AS reached_accepted,
             array_agg(s.to_stage ORDER BY s.ord) FILTER (WHERE s.left_at IS NOT NULL) AS closed_stages,
             array_agg(date_part('epoch', s.left_at - s.changed_at) / 86400.0 ORDER BY s.ord)
               FILTER (WHERE s.left_at IS NOT NULL) AS closed_days,
             -- Only the last step has no successor.
             min(s.to_stage) FILTER (WHERE s.left_at IS NULL) AS open_stage,
             min(s.changed_at) FILTER (WHERE s.left_at IS NULL) AS open_entered_at
        FROM (SELECT h.to_stage, h.changed_at,
                     lead(h.changed_at) OVER w AS left_at,
                     row_number() OVER w AS ord
                FROM public.application_stage_history h
               WHERE h.application_id = a.id
              WINDOW w AS (ORDER BY h.changed_at, h.from_stage IS NOT NULL, h.id)) s
    ) h ON true
   WHERE a.id = ANY (ids)
  ON CONFLICT (application_id) DO UPDATE SET
         user_id = excluded.user_id,
         stage = excluded.stage,
         source = excluded.source,
         private = excluded.private,
         created_at = excluded.created_at,
         applied_time = excluded.applied_time,
         first_response_at = excluded.first_response_at,
         reached_interviewing = excluded.reached_interviewing,
         reached_offer = excluded.reached_offer,
         reached_accepted = excluded.reached_accepted,
         closed_stages = excluded.closed_stages,
         closed_days = excluded.closed_days,
         open_stage = excluded.open_stage,
         open_entered_at = excluded.open_entered_at;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit_internal.refresh_stage_facts(uuid[]) FROM PUBLIC;--> statement-breakpoint
-- Once per statement, for every application it touched: an import of a
-- thousand cards recomputes each once, not once per row.
CREATE OR REPLACE FUNCTION pursuit_internal.stage_facts_after_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'applications' THEN
    SELECT array_agg(id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT application_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT application_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT u.application_id) INTO ids
      FROM (SELECT application_id FROM new_rows UNION SELECT application_id FROM old_rows) u;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM pursuit_internal.refresh_stage_facts(ids);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit_internal.stage_facts_after_change() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER stage_facts_after_insert AFTER INSERT ON application_stage_history
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pursuit_internal.stage_facts_after_change();--> statement-breakpoint
CREATE TRIGGER stage_facts_after_update AFTER UPDATE ON application_stage_history
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pursuit_internal.stage_facts_after_change();--> statement-breakpoint
CREATE TRIGGER stage_facts_after_delete AFTER DELETE ON application_stage_history
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pursuit_internal.stage_facts_after_change();--> statement-breakpoint
-- A new card has a row even before (or without) any history.
CREATE TRIGGER stage_facts_after_card_insert AFTER INSERT ON applications
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pursuit_internal.stage_facts_after_change();--> statement-breakpoint
-- What the row copies from the card. (A stage change also writes history,
-- which refreshes it too; the second refresh finds nothing new.)
CREATE OR REPLACE FUNCTION pursuit_internal.stage_facts_after_card_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pursuit_internal.refresh_stage_facts(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit_internal.stage_facts_after_card_update() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER stage_facts_after_card_update AFTER UPDATE OF stage, applied_at, source, private ON applications
  FOR EACH ROW
  WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.applied_at IS DISTINCT FROM NEW.applied_at
        OR OLD.source IS DISTINCT FROM NEW.source OR OLD.private IS DISTINCT FROM NEW.private)
  EXECUTE FUNCTION pursuit_internal.stage_facts_after_card_update();--> statement-breakpoint
-- The facts of every existing card.
SELECT pursuit_internal.refresh_stage_facts(array_agg(id)) FROM applications HAVING count(*) > 0;
