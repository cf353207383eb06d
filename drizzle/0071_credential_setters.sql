ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "credential_setters" uuid[] DEFAULT '{}'::uuid[] NOT NULL;
