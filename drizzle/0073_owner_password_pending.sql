ALTER TABLE "users" ADD COLUMN "owner_password_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Accounts an administrator made or whose credentials one set: their owner has not yet set a password through a link.
UPDATE "users" SET "owner_password_pending" = true WHERE "created_by" IS NOT NULL OR cardinality("credential_setters") > 0;
