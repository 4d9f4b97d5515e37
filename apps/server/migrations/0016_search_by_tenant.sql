-- Substring search per company. The trigram indexes of 0006 and 0012 held every company's rows in one index, so a
-- search for a common word fetched and rechecked the matching rows of all companies before keeping one company's,
-- and a one- or two-character search (no trigram to look up) rechecked every row of the table. With btree_gin the
-- tenant id is the first column of the same GIN index: a search scans only its company's entries. Same names as
-- before, same pending-list settings as 0012. btree_gin is a trusted extension (a database owner may create it),
-- and PGlite ships it.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX IF EXISTS "customers_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_short_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_phone_key_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_email_key_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "contacts_name_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "contacts_mobile_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "contacts_email_trgm_idx";--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("tenant_id", "name" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "customers_short_name_trgm_idx" ON "customers" USING gin ("tenant_id", "short_name" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "customers_phone_key_trgm_idx" ON "customers" USING gin ("tenant_id", "phone_key" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "customers_email_key_trgm_idx" ON "customers" USING gin ("tenant_id", "email_key" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("tenant_id", "name" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "contacts_mobile_trgm_idx" ON "contacts" USING gin ("tenant_id", "mobile" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING gin ("tenant_id", "email" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
-- One- and two-character searches (张伟, 恒远) have no trigram to look up, so they rechecked every row of the
-- company. huike_grams(text) is every 1- and 2-character piece of the lower-cased text; a GIN index over it per
-- company answers `huike_grams(...) @> ARRAY[q]` for such texts. plpgsql, so the planner never inlines it and the
-- indexed expression matches the query's.
CREATE OR REPLACE FUNCTION huike_grams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  s text := lower(t);
  n int := length(s);
  grams text[] := '{}';
BEGIN
  FOR i IN 1..n LOOP
    grams := grams || substr(s, i, 1);
    IF i < n THEN grams := grams || substr(s, i, 2); END IF;
  END LOOP;
  RETURN grams;
END
$fn$;--> statement-breakpoint
CREATE INDEX "customers_name_grams_idx" ON "customers" USING gin ("tenant_id", huike_grams("name" || E'\n' || coalesce("short_name", ''))) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX "contacts_name_grams_idx" ON "contacts" USING gin ("tenant_id", huike_grams("name")) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
-- The search functions take the short text as a fourth argument (name_pattern is then null).
DROP FUNCTION IF EXISTS search_customer_ids(text, text, text);--> statement-breakpoint
CREATE FUNCTION search_customer_ids(name_pattern text, phone_pattern text, email_pattern text, gram text DEFAULT NULL)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  arms text[] := '{}';
BEGIN
  IF name_pattern IS NOT NULL THEN
    arms := arms || 'c.name ILIKE $1'::text || 'c.short_name ILIKE $1'::text;
  END IF;
  IF gram IS NOT NULL THEN
    arms := arms || 'huike_grams(c.name || E''\n'' || coalesce(c.short_name, '''')) @> ARRAY[$4]'::text;
  END IF;
  IF phone_pattern IS NOT NULL THEN arms := arms || 'c.phone_key LIKE $2'::text; END IF;
  IF email_pattern IS NOT NULL THEN arms := arms || 'c.email_key LIKE $3'::text; END IF;
  IF cardinality(arms) = 0 THEN RETURN; END IF;
  RETURN QUERY EXECUTE
    'SELECT c.id FROM customers c WHERE c.tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid AND ('
      || array_to_string(arms, ' OR ') || ')'
    USING name_pattern, phone_pattern, email_pattern, gram;
END
$fn$;--> statement-breakpoint
DROP FUNCTION IF EXISTS search_contact_ids(text, text, text);--> statement-breakpoint
CREATE FUNCTION search_contact_ids(name_pattern text, phone_pattern text, email_pattern text, gram text DEFAULT NULL)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  arms text[] := '{}';
BEGIN
  IF name_pattern IS NOT NULL THEN arms := arms || 'c.name ILIKE $1'::text; END IF;
  IF gram IS NOT NULL THEN arms := arms || 'huike_grams(c.name) @> ARRAY[$4]'::text; END IF;
  IF phone_pattern IS NOT NULL THEN arms := arms || 'c.mobile LIKE $2'::text; END IF;
  IF email_pattern IS NOT NULL THEN arms := arms || 'c.email ILIKE $3'::text; END IF;
  IF cardinality(arms) = 0 THEN RETURN; END IF;
  RETURN QUERY EXECUTE
    'SELECT c.id FROM contacts c WHERE c.tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid AND ('
      || array_to_string(arms, ' OR ') || ')'
    USING name_pattern, phone_pattern, email_pattern, gram;
END
$fn$;
