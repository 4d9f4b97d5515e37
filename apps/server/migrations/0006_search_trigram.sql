-- Search (P13): trigram indexes for substring search, Chinese included (pg_trgm makes trigrams of CJK
-- characters on PostgreSQL and on PGlite). pg_trgm is a trusted extension: a database owner may create it.
-- fastupdate = off: no pending list, so the planner's costs stay right without autovacuum (PGlite has none)
-- and a search never has to scan an unmerged list.
-- Queries of three or more characters use these indexes; shorter ones scan the tenant's rows.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_name_trgm_idx" ON "customers" USING gin ("name" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_short_name_trgm_idx" ON "customers" USING gin ("short_name" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_phone_key_trgm_idx" ON "customers" USING gin ("phone_key" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_email_key_trgm_idx" ON "customers" USING gin ("email_key" gin_trgm_ops) WITH (fastupdate = off);
--> statement-breakpoint
-- Row-level security keeps non-leakproof operators (ILIKE, LIKE) from becoming index conditions for the app
-- role, so under RLS a trigram index is never used. This function runs the substring match as the table owner
-- (SECURITY DEFINER: no RLS), pinned to the transaction's tenant exactly as the RLS policy is, and answers ids
-- only; callers join back to customers and apply the data scope there. Null patterns are left out.
CREATE OR REPLACE FUNCTION search_customer_ids(name_pattern text, phone_pattern text, email_pattern text)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  arms text[] := '{}';
BEGIN
  IF name_pattern IS NOT NULL THEN
    arms := arms || 'c.name ILIKE $1'::text || 'c.short_name ILIKE $1'::text;
  END IF;
  IF phone_pattern IS NOT NULL THEN arms := arms || 'c.phone_key LIKE $2'::text; END IF;
  IF email_pattern IS NOT NULL THEN arms := arms || 'c.email_key LIKE $3'::text; END IF;
  IF cardinality(arms) = 0 THEN RETURN; END IF;
  RETURN QUERY EXECUTE
    'SELECT c.id FROM customers c WHERE c.tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid AND ('
      || array_to_string(arms, ' OR ') || ')'
    USING name_pattern, phone_pattern, email_pattern;
END
$fn$;
