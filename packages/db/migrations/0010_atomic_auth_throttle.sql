-- Sign-in, sign-up and password-check throttling reserves an attempt before the
-- password is checked (issue 10). Checking the count, verifying the password and
-- then recording a failure let a batch of 40 parallel attempts all through; a
-- reservation is one statement that waits for every other reservation of the
-- same keys, counts, and records the attempt only when all keys are under the
-- limit. pursuit_internal.login_failures keeps its shape (and delete_own_account
-- its clean-up) but now holds one row per reserved attempt.
DROP FUNCTION IF EXISTS pursuit.login_retry_after(text[], integer, integer);
--> statement-breakpoint
DROP FUNCTION IF EXISTS pursuit.record_login_failure(text[], integer);
--> statement-breakpoint
-- 0 when an attempt was reserved against every key in p_keys; otherwise the
-- seconds until one is free again, and nothing is recorded. A transaction-scoped
-- advisory lock per key, taken in lock-id order so reservations sharing keys
-- queue rather than deadlock, makes count-then-insert atomic across sessions
-- and server instances.
CREATE OR REPLACE FUNCTION pursuit.reserve_auth_attempt(p_keys text[], p_limit integer, p_window_seconds integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  lock_id bigint;
  wait integer;
BEGIN
  IF p_limit < 1 OR p_window_seconds < 1 OR cardinality(p_keys) > 8 THEN
    RAISE EXCEPTION 'reserve_auth_attempt: bad arguments' USING ERRCODE = '22023';
  END IF;
  FOR lock_id IN
    SELECT DISTINCT hashtextextended('pursuit.auth_attempt:' || k, 0) FROM unnest(p_keys) k ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(lock_id);
  END LOOP;
  DELETE FROM pursuit_internal.login_failures
   WHERE key = ANY (p_keys) AND failed_at <= now() - make_interval(secs => p_window_seconds);
  -- The attempt that frees a slot is the (n - limit + 1)th oldest in the window.
  SELECT max(ceil(extract(epoch FROM (w.times[w.n - p_limit + 1] + make_interval(secs => p_window_seconds) - now())))::integer)
    INTO wait
    FROM (
      SELECT array_agg(f.failed_at ORDER BY f.failed_at) AS times, count(*)::integer AS n
        FROM pursuit_internal.login_failures f
       WHERE f.key = ANY (p_keys)
       GROUP BY f.key
    ) w
   WHERE w.n >= p_limit;
  IF wait IS NOT NULL THEN
    RETURN greatest(wait, 1);
  END IF;
  INSERT INTO pursuit_internal.login_failures (key) SELECT DISTINCT unnest(p_keys);
  RETURN 0;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.reserve_auth_attempt(text[], integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.reserve_auth_attempt(text[], integer, integer) TO pursuit_app;
--> statement-breakpoint
-- Gives back one reserved attempt per key (the newest), after an attempt that
-- must not count against the limit, such as a correct password.
CREATE OR REPLACE FUNCTION pursuit.release_auth_attempt(p_keys text[])
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DELETE FROM pursuit_internal.login_failures f
   WHERE f.ctid IN (
     SELECT DISTINCT ON (g.key) g.ctid
       FROM pursuit_internal.login_failures g
      WHERE g.key = ANY (p_keys)
      ORDER BY g.key, g.failed_at DESC
   );
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.release_auth_attempt(text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.release_auth_attempt(text[]) TO pursuit_app;
