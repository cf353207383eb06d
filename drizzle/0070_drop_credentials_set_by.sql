-- The single "last setter" becomes the set of every administrator who set the account's credentials
-- (re-test sec25 N2); the one already recorded is kept.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "credential_setters" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
UPDATE "users" SET "credential_setters" = ARRAY["credentials_set_by"] WHERE "credentials_set_by" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_credentials_set_by_users_id_fk";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "credentials_set_by";
