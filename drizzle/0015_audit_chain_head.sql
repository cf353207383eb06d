-- The audit chain's last hash, read under the chain's lock: one statement can append an event (see
-- auditAppend). The lock is taken here, and the hash read after it with a snapshot of its own (a
-- volatile function's queries each take a fresh one), so it sees every event committed before the lock
-- was granted even when the calling statement started earlier. Null for an empty chain.
CREATE FUNCTION "audit_chain_head"("lock_key" bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN (SELECT "hash" FROM "audit_events" ORDER BY "seq" DESC LIMIT 1);
END
$$;
