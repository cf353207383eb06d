DROP INDEX "users_full_name_idx";--> statement-breakpoint
CREATE INDEX "users_full_name_idx" ON "users" USING btree (liem_fold("full_name"),"id");