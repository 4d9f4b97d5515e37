CREATE TABLE "outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"record_type" text,
	"record_id" uuid,
	"to" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"sender" text,
	"sender_message_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customer_views" ADD COLUMN "shared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_batch_idx" ON "outbox" USING btree ("tenant_id","batch_id","status");--> statement-breakpoint
CREATE POLICY "outbox_tenant_isolation" ON "outbox" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- One outbox for every channel: the rows of mail_outbox and sms_outbox move over with their ids and batch ids
-- (a batch queued before the upgrade still drains: the old job names are served by the outbox job).
INSERT INTO "outbox" ("tenant_id", "id", "batch_id", "channel", "record_type", "record_id", "to", "subject", "body",
    "status", "error", "sender", "sender_message_id", "created_by", "created_at", "sent_at")
  SELECT "tenant_id", "id", "batch_id", 'email', "record_type", "record_id", "to", "subject", "body",
    "status", "error", "transport", NULL, "created_by", "created_at", "sent_at"
  FROM "mail_outbox";--> statement-breakpoint
INSERT INTO "outbox" ("tenant_id", "id", "batch_id", "channel", "record_type", "record_id", "to", "subject", "body",
    "status", "error", "sender", "sender_message_id", "created_by", "created_at", "sent_at")
  SELECT "tenant_id", "id", "batch_id", 'sms', "record_type", "record_id", "to", NULL, "body",
    "status", "error", "provider", "provider_message_id", "created_by", "created_at", "sent_at"
  FROM "sms_outbox";--> statement-breakpoint
DROP TABLE "mail_outbox";--> statement-breakpoint
DROP TABLE "sms_outbox";--> statement-breakpoint
-- Values of custom fields deleted before deletion removed them (see deleteCustomField) leave the records.
UPDATE "customers" c SET "custom" = c."custom" - f.keys
  FROM (SELECT "tenant_id", array_agg("key") AS keys FROM "custom_fields"
    WHERE "object_type" = 'customer' AND "deleted_at" IS NOT NULL GROUP BY "tenant_id") f
  WHERE c."tenant_id" = f."tenant_id" AND c."custom" ?| f.keys;--> statement-breakpoint
UPDATE "contacts" c SET "custom" = c."custom" - f.keys
  FROM (SELECT "tenant_id", array_agg("key") AS keys FROM "custom_fields"
    WHERE "object_type" = 'contact' AND "deleted_at" IS NOT NULL GROUP BY "tenant_id") f
  WHERE c."tenant_id" = f."tenant_id" AND c."custom" ?| f.keys;--> statement-breakpoint
-- Contact search (the contacts list's q, mass mailings by filter, global search) over trigram indexes, as for
-- customers in 0006: name (Chinese substrings included), mobile digits, e-mail. mobile and e-mail are stored
-- normalised (11 digits, lower case) by the contacts schemas.
CREATE INDEX IF NOT EXISTS "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_mobile_trgm_idx" ON "contacts" USING gin ("mobile" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_email_trgm_idx" ON "contacts" USING gin ("email" gin_trgm_ops) WITH (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
-- Trigram indexes take new rows through a small pending list (1 MB) merged in bulk, instead of one index
-- insertion per trigram per row (0006 had fastupdate = off): an import of 30,000 customers spent half its time
-- there. The list is merged when full by the inserting backend (so also on PGlite, which has no autovacuum), and
-- a search scans at most 1 MB of it.
ALTER INDEX "customers_name_trgm_idx" SET (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
ALTER INDEX "customers_short_name_trgm_idx" SET (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
ALTER INDEX "customers_phone_key_trgm_idx" SET (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
ALTER INDEX "customers_email_key_trgm_idx" SET (fastupdate = on, gin_pending_list_limit = 1024);--> statement-breakpoint
-- Row-level security keeps ILIKE / LIKE from using these indexes for the app role (see search_customer_ids in
-- 0006): the match runs here as the table owner, pinned to the transaction's tenant exactly as the RLS policy
-- is, and answers contact ids only; callers join back and apply the customer's data scope. Null patterns are
-- left out.
CREATE OR REPLACE FUNCTION search_contact_ids(name_pattern text, phone_pattern text, email_pattern text)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  arms text[] := '{}';
BEGIN
  IF name_pattern IS NOT NULL THEN arms := arms || 'c.name ILIKE $1'::text; END IF;
  IF phone_pattern IS NOT NULL THEN arms := arms || 'c.mobile LIKE $2'::text; END IF;
  IF email_pattern IS NOT NULL THEN arms := arms || 'c.email ILIKE $3'::text; END IF;
  IF cardinality(arms) = 0 THEN RETURN; END IF;
  RETURN QUERY EXECUTE
    'SELECT c.id FROM contacts c WHERE c.tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid AND ('
      || array_to_string(arms, ' OR ') || ')'
    USING name_pattern, phone_pattern, email_pattern;
END
$fn$;
