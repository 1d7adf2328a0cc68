-- When a session ends (logout, revocation, password change, expiry, account
-- deletion, or a DELETE typed into psql), every server instance hears it on
-- this channel and closes that session's sockets. The payload is the session
-- id, which is the SHA-256 of the token, never the token.
CREATE OR REPLACE FUNCTION pursuit.notify_session_ended() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pursuit_session_ended', OLD.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_ended AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION pursuit.notify_session_ended();
