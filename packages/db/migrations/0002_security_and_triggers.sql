-- What drizzle cannot express: FORCE RLS, column-level grants, triggers and the
-- narrow SECURITY DEFINER functions that look across users. Definer functions
-- run as the owner role, which has BYPASSRLS; each one is revoked from PUBLIC
-- and granted to pursuit_app alone.

-- Row-level security applies to the tables' owner too.
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE profiles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE companies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE application_stage_history FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE interviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Fractional-index keys compare by byte, whatever the database's locale.
ALTER TABLE applications ALTER COLUMN position TYPE text COLLATE "C";
--> statement-breakpoint

-- Grants: only what the API needs, by column where a column must stay out of reach
-- (a person cannot make themselves admin, or rewrite their stage history).
GRANT SELECT, DELETE ON users TO pursuit_app;
--> statement-breakpoint
GRANT INSERT ON users TO pursuit_app;
--> statement-breakpoint
GRANT UPDATE (email, password_hash, display_name, last_login_at) ON users TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO pursuit_app;
--> statement-breakpoint
GRANT SELECT ON profiles TO pursuit_app;
--> statement-breakpoint
GRANT UPDATE (first_name, last_name, headline, location, links) ON profiles TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON companies TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON applications TO pursuit_app;
--> statement-breakpoint
GRANT SELECT ON application_stage_history TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON interviews TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON contacts TO pursuit_app;
--> statement-breakpoint

-- updated_at is kept by the database, not by each code path.
CREATE OR REPLACE FUNCTION pursuit.touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER profiles_touch_updated_at BEFORE UPDATE ON profiles
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER interviews_touch_updated_at BEFORE UPDATE ON interviews
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER contacts_touch_updated_at BEFORE UPDATE ON contacts
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint

-- Every user gets a profile the moment the account exists.
CREATE OR REPLACE FUNCTION pursuit.create_profile_for_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO public.profiles (user_id) VALUES (NEW.id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.create_profile_for_user() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER users_create_profile AFTER INSERT ON users
  FOR EACH ROW EXECUTE FUNCTION pursuit.create_profile_for_user();
--> statement-breakpoint

-- Applications: copy the company name for search, bump version on every
-- update, stamp applied_at the first time the card reaches "applied".
CREATE OR REPLACE FUNCTION pursuit.applications_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.company_id IS DISTINCT FROM OLD.company_id THEN
    SELECT c.name INTO NEW.company_name FROM public.companies c WHERE c.id = NEW.company_id;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.created_at := OLD.created_at;
  END IF;
  IF NEW.stage <> 'interested' AND NEW.applied_at IS NULL
     AND (TG_OP = 'INSERT' OR OLD.stage = 'interested') THEN
    NEW.applied_at := now();
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.applications_before_write() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER applications_before_write BEFORE INSERT OR UPDATE ON applications
  FOR EACH ROW EXECUTE FUNCTION pursuit.applications_before_write();
--> statement-breakpoint

-- Stage history, written for every stage change whoever makes it. A change made
-- with no signed-in user (a worker, psql) is recorded as made by the system.
CREATE OR REPLACE FUNCTION pursuit.record_stage_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  actor public.changed_by := CASE
    WHEN pursuit.current_user_id() IS NULL
      OR current_setting('app.actor', true) = 'system' THEN 'system'
    ELSE 'user' END;
BEGIN
  IF TG_OP = 'INSERT' OR NEW.stage IS DISTINCT FROM OLD.stage THEN
    INSERT INTO public.application_stage_history
      (application_id, user_id, from_stage, to_stage, note, changed_by)
    VALUES (
      NEW.id, NEW.user_id,
      CASE WHEN TG_OP = 'UPDATE' THEN OLD.stage END,
      NEW.stage,
      nullif(current_setting('app.stage_note', true), ''),
      actor
    );
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.record_stage_change() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER applications_record_stage AFTER INSERT OR UPDATE OF stage ON applications
  FOR EACH ROW EXECUTE FUNCTION pursuit.record_stage_change();
--> statement-breakpoint

-- Login: the one place that looks a user up by email before anyone is signed in.
CREATE OR REPLACE FUNCTION pursuit.find_login(p_email text)
RETURNS TABLE (id uuid, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.password_hash FROM public.users u WHERE lower(u.email) = lower(p_email)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.find_login(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.find_login(text) TO pursuit_app;
--> statement-breakpoint

-- Session validation by token hash (Lucia guide): expired sessions are deleted,
-- live ones slide to 30 days when under 15 remain; last_verified_at is written
-- at most once a minute so that validating on every call stays cheap.
CREATE OR REPLACE FUNCTION pursuit.validate_session(p_session_id text)
RETURNS TABLE (
  session_id text, user_id uuid, expires_at timestamptz, created_at timestamptz,
  email text, display_name text, role public.user_role
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  s public.sessions%ROWTYPE;
BEGIN
  SELECT * INTO s FROM public.sessions WHERE id = p_session_id;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF s.expires_at <= now() THEN
    DELETE FROM public.sessions WHERE id = p_session_id;
    RETURN;
  END IF;
  IF s.expires_at - now() < interval '15 days' OR s.last_verified_at < now() - interval '1 minute' THEN
    UPDATE public.sessions AS x
       SET expires_at = CASE WHEN x.expires_at - now() < interval '15 days'
                             THEN now() + interval '30 days' ELSE x.expires_at END,
           last_verified_at = now()
     WHERE x.id = p_session_id
    RETURNING * INTO s;
  END IF;
  RETURN QUERY
    SELECT s.id, s.user_id, s.expires_at, s.created_at, u.email, u.display_name, u.role
      FROM public.users u WHERE u.id = s.user_id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.validate_session(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.validate_session(text) TO pursuit_app;
--> statement-breakpoint

-- Failed-login counters per key (an email, an IP), shared by every server instance.
CREATE TABLE pursuit_internal.login_failures (
  key text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX login_failures_key_time_idx ON pursuit_internal.login_failures (key, failed_at);
--> statement-breakpoint
-- Seconds until any of p_keys may try again (0 = now): the oldest failure in
-- the window ages out once p_limit failures have been reached.
CREATE OR REPLACE FUNCTION pursuit.login_retry_after(p_keys text[], p_limit integer, p_window_seconds integer)
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(max(ceil(extract(epoch FROM (w.oldest + make_interval(secs => p_window_seconds) - now())))::integer), 0)
    FROM (
      SELECT f.key, min(f.failed_at) AS oldest, count(*) AS n
        FROM pursuit_internal.login_failures f
       WHERE f.key = ANY (p_keys)
         AND f.failed_at > now() - make_interval(secs => p_window_seconds)
       GROUP BY f.key
    ) w
   WHERE w.n >= p_limit
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.login_retry_after(text[], integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.login_retry_after(text[], integer, integer) TO pursuit_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.record_login_failure(p_keys text[], p_window_seconds integer)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DELETE FROM pursuit_internal.login_failures
   WHERE key = ANY (p_keys) AND failed_at <= now() - make_interval(secs => p_window_seconds);
  INSERT INTO pursuit_internal.login_failures (key) SELECT unnest(p_keys);
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.record_login_failure(text[], integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.record_login_failure(text[], integer) TO pursuit_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pursuit.clear_login_failures(p_key text)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DELETE FROM pursuit_internal.login_failures WHERE key = p_key;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.clear_login_failures(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.clear_login_failures(text) TO pursuit_app;
