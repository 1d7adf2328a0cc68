CREATE TYPE "public"."api_token_scope" AS ENUM('read', 'write');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" "api_token_scope" NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_name_length" CHECK (char_length(btrim("api_tokens"."name")) between 1 and 100),
	CONSTRAINT "api_tokens_token_hash_hex" CHECK ("api_tokens"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE POLICY "owner can read own api tokens" ON "api_tokens" AS PERMISSIVE FOR SELECT TO "pursuit_app" USING ("api_tokens"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can create own api tokens" ON "api_tokens" AS PERMISSIVE FOR INSERT TO "pursuit_app" WITH CHECK ("api_tokens"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
CREATE POLICY "owner can revoke own api tokens" ON "api_tokens" AS PERMISSIVE FOR DELETE TO "pursuit_app" USING ("api_tokens"."user_id" = (select pursuit.current_user_id()));--> statement-breakpoint
-- hand-written below
-- Tokens are the owner's alone (policies above), read and revoked by them; the
-- app role never updates a row: last_used_at is kept by the definer function.
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON api_tokens TO pursuit_app;--> statement-breakpoint
-- A script's request arrives with no session: this finds whose token a hash
-- is, as pursuit.validate_session does for a cookie. Expired tokens and
-- disabled accounts validate as nothing. last_used_at is written at most once
-- a minute per token, so a busy script does not write on every request.
CREATE OR REPLACE FUNCTION pursuit.validate_api_token(p_token_hash text)
RETURNS TABLE (
  token_id uuid, user_id uuid, scope public.api_token_scope, expires_at timestamptz,
  email text, display_name text, role public.user_role
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t public.api_tokens%ROWTYPE;
BEGIN
  SELECT * INTO t FROM public.api_tokens WHERE token_hash = p_token_hash;
  IF NOT FOUND OR (t.expires_at IS NOT NULL AND t.expires_at <= now()) THEN
    RETURN;
  END IF;
  IF t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' THEN
    UPDATE public.api_tokens AS x SET last_used_at = now() WHERE x.id = t.id;
  END IF;
  RETURN QUERY
    SELECT t.id, t.user_id, t.scope, t.expires_at, u.email, u.display_name, u.role
      FROM public.users u WHERE u.id = t.user_id AND u.disabled_at IS NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.validate_api_token(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.validate_api_token(text) TO pursuit_app;
