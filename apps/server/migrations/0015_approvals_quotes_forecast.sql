CREATE TABLE "approval_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"comment" text,
	"data" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "approval_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "approval_flows" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"document_type" text NOT NULL,
	"definition" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_flows_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "approval_flows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "approval_instances" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"document_type" text NOT NULL,
	"document_id" uuid NOT NULL,
	"flow_version" integer NOT NULL,
	"status" text NOT NULL,
	"state" jsonb NOT NULL,
	"route" jsonb,
	"title" text NOT NULL,
	"fields" jsonb NOT NULL,
	"submitter_id" uuid NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"awaiting_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"approver_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_instances_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "approval_instances" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sales_quotas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"user_id" uuid,
	"department_id" uuid,
	"amount" numeric(18, 2) NOT NULL,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_quotas_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sales_quotas_subject_ck" CHECK (num_nonnulls("sales_quotas"."user_id", "sales_quotas"."department_id") = 1),
	CONSTRAINT "sales_quotas_quarter_ck" CHECK ("sales_quotas"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "sales_quotas_amount_ck" CHECK ("sales_quotas"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "sales_quotas" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quote_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "quote_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "quote_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quote_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"product_code" text NOT NULL,
	"specification" text,
	"unit" text NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"unit_price" numeric(18, 2) NOT NULL,
	"discount_rate" numeric(5, 2) DEFAULT '0' NOT NULL,
	"tax_rate" numeric(5, 2) DEFAULT '0' NOT NULL,
	"gross" numeric(18, 2) NOT NULL,
	"discount" numeric(18, 2) NOT NULL,
	"extra_discount" numeric(18, 2) NOT NULL,
	"net" numeric(18, 2) NOT NULL,
	"tax" numeric(18, 2) NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	CONSTRAINT "quote_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "quote_lines_quantity_positive" CHECK ("quote_lines"."quantity" > 0),
	CONSTRAINT "quote_lines_discount_rate_ck" CHECK ("quote_lines"."discount_rate" BETWEEN 0 AND 100),
	CONSTRAINT "quote_lines_tax_rate_ck" CHECK ("quote_lines"."tax_rate" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "quote_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quote_settings" (
	"tenant_id" uuid NOT NULL,
	"discount_threshold" numeric(5, 2) DEFAULT '20' NOT NULL,
	"default_terms" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quote_settings_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "quote_settings_threshold_ck" CHECK ("quote_settings"."discount_threshold" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "quote_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quotes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"opportunity_id" uuid,
	"title" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"valid_until" date NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"extra_discount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"subtotal" numeric(18, 2) DEFAULT '0' NOT NULL,
	"discount_total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount_excl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tax_total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"notes" text,
	"terms" text,
	"sent_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "quotes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_instance_fk" FOREIGN KEY ("tenant_id","instance_id") REFERENCES "public"."approval_instances"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_actor_fk" FOREIGN KEY ("tenant_id","actor_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_flows" ADD CONSTRAINT "approval_flows_updated_by_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_instances" ADD CONSTRAINT "approval_instances_submitter_fk" FOREIGN KEY ("tenant_id","submitter_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_quotas" ADD CONSTRAINT "sales_quotas_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_quotas" ADD CONSTRAINT "sales_quotas_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_quotas" ADD CONSTRAINT "sales_quotas_updated_by_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_quote_fk" FOREIGN KEY ("tenant_id","quote_id") REFERENCES "public"."quotes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_product_fk" FOREIGN KEY ("tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_owner_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_created_by_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_contact_fk" FOREIGN KEY ("tenant_id","contact_id") REFERENCES "public"."contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_opportunity_fk" FOREIGN KEY ("tenant_id","opportunity_id") REFERENCES "public"."opportunities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_events_instance_idx" ON "approval_events" USING btree ("tenant_id","instance_id","id");--> statement-breakpoint
CREATE INDEX "approval_events_actor_idx" ON "approval_events" USING btree ("tenant_id","actor_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_flows_type_idx" ON "approval_flows" USING btree ("tenant_id","document_type");--> statement-breakpoint
CREATE INDEX "approval_flows_updated_by_idx" ON "approval_flows" USING btree ("tenant_id","updated_by");--> statement-breakpoint
CREATE INDEX "approval_instances_submitter_idx" ON "approval_instances" USING btree ("tenant_id","submitter_id","id");--> statement-breakpoint
CREATE INDEX "approval_instances_document_idx" ON "approval_instances" USING btree ("tenant_id","document_type","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_instances_open_idx" ON "approval_instances" USING btree ("tenant_id","document_type","document_id") WHERE status <> 'rejected';--> statement-breakpoint
CREATE INDEX "approval_instances_awaiting_idx" ON "approval_instances" USING gin ("awaiting_ids");--> statement-breakpoint
CREATE INDEX "approval_instances_approvers_idx" ON "approval_instances" USING gin ("approver_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_quotas_user_uq" ON "sales_quotas" USING btree ("tenant_id","user_id","fiscal_year","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_quotas_department_uq" ON "sales_quotas" USING btree ("tenant_id","department_id","fiscal_year","quarter");--> statement-breakpoint
CREATE INDEX "sales_quotas_quarter_idx" ON "sales_quotas" USING btree ("tenant_id","fiscal_year","quarter","id");--> statement-breakpoint
CREATE INDEX "sales_quotas_updated_by_idx" ON "sales_quotas" USING btree ("tenant_id","updated_by","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_lines_position_uq" ON "quote_lines" USING btree ("tenant_id","quote_id","position");--> statement-breakpoint
CREATE INDEX "quote_lines_product_idx" ON "quote_lines" USING btree ("tenant_id","product_id");--> statement-breakpoint
CREATE INDEX "quotes_owner_idx" ON "quotes" USING btree ("tenant_id","owner_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_number_uq" ON "quotes" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "quotes_customer_idx" ON "quotes" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "quotes_contact_idx" ON "quotes" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE INDEX "quotes_opportunity_idx" ON "quotes" USING btree ("tenant_id","opportunity_id");--> statement-breakpoint
CREATE INDEX "quotes_created_by_idx" ON "quotes" USING btree ("tenant_id","created_by");--> statement-breakpoint
CREATE INDEX "quotes_status_idx" ON "quotes" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "opportunities_forecast_idx" ON "opportunities" USING btree ("tenant_id","owner_id","expected_close_date","stage_entered_at","stage_id","amount");--> statement-breakpoint
CREATE POLICY "approval_events_tenant_isolation" ON "approval_events" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "approval_flows_tenant_isolation" ON "approval_flows" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "approval_instances_tenant_isolation" ON "approval_instances" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sales_quotas_tenant_isolation" ON "sales_quotas" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "quote_counters_tenant_isolation" ON "quote_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "quote_lines_tenant_isolation" ON "quote_lines" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "quote_settings_tenant_isolation" ON "quote_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "quotes_tenant_isolation" ON "quotes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);