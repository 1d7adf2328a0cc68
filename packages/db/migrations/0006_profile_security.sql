-- Profile data (0005): what drizzle cannot express. FORCE RLS and grants for
-- the new tables, the new profile columns a person may edit, updated_at
-- triggers, the change feed, and the one definer function account deletion needs.
ALTER TABLE work_experiences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE education FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE certifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE skills FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE resumes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE, DELETE ON work_experiences TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON education TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON certifications TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON skills TO pursuit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON resumes TO pursuit_app;
--> statement-breakpoint
-- Profiles are still created only by the sign-up trigger; people edit these columns.
GRANT UPDATE (
  summary, email, phone, industry, years_of_experience,
  target_salary_min, target_salary_max, target_salary_currency,
  preferred_work_arrangements, willing_to_relocate, generator_context
) ON profiles TO pursuit_app;
--> statement-breakpoint

CREATE TRIGGER work_experiences_touch_updated_at BEFORE UPDATE ON work_experiences
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER education_touch_updated_at BEFORE UPDATE ON education
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER certifications_touch_updated_at BEFORE UPDATE ON certifications
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER skills_touch_updated_at BEFORE UPDATE ON skills
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER resumes_touch_updated_at BEFORE UPDATE ON resumes
  FOR EACH ROW EXECUTE FUNCTION pursuit.touch_updated_at();
--> statement-breakpoint

SELECT pursuit_internal.track_changes('public.work_experiences');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.education');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.certifications');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.skills');
--> statement-breakpoint
SELECT pursuit_internal.track_changes('public.resumes');
--> statement-breakpoint

-- Account deletion: the signed-in user deletes their own account (the API has
-- re-checked the password). Every user-data row goes with it by ON DELETE
-- CASCADE (sessions too, whose trigger closes open sockets); what the request
-- role cannot reach is removed here: the user's change-feed rows, including
-- those the cascade itself just wrote, and the sign-in throttle rows keyed by
-- their email (key format of packages/api/src/router/auth.ts throttleKeys).
-- IP-keyed throttle rows are not the user's and stay.
CREATE OR REPLACE FUNCTION pursuit.delete_own_account() RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  uid uuid := pursuit.current_user_id();
  address text;
BEGIN
  IF uid IS NULL THEN
    RETURN false;
  END IF;
  DELETE FROM public.users WHERE id = uid RETURNING email INTO address;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  DELETE FROM pursuit_internal.change_log WHERE user_id = uid;
  DELETE FROM pursuit_internal.login_failures WHERE key = 'email:' || lower(address);
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION pursuit.delete_own_account() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION pursuit.delete_own_account() TO pursuit_app;
