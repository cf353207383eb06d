ALTER TABLE "audit_events" ADD COLUMN "stream" text DEFAULT 'main' NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_stream_idx" ON "audit_events" USING btree ("stream","seq");--> statement-breakpoint
-- A stream's last hash, read under that stream's lock (ADR 0019); as audit_chain_head (0015), the hash is
-- read with a snapshot taken after the lock is granted. Null for an empty stream.
CREATE FUNCTION "audit_stream_head"("lock_key" bigint, "stream_name" text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN (SELECT "hash" FROM "audit_events" WHERE "stream" = stream_name ORDER BY "seq" DESC LIMIT 1);
END
$$;--> statement-breakpoint
DROP FUNCTION "audit_chain_head"(bigint);
