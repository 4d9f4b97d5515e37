CREATE TABLE "customers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text DEFAULT 'enterprise' NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"name_key" text NOT NULL,
	"credit_code" text,
	"industry" text,
	"level" text,
	"source" text,
	"status" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone" text,
	"phone_key" text,
	"email" text,
	"email_key" text,
	"website" text,
	"province" text,
	"city" text,
	"district" text,
	"street" text,
	"latitude" numeric(9, 6),
	"longitude" numeric(9, 6),
	"owner_id" uuid,
	"department_id" uuid,
	"pool_id" uuid,
	"parent_id" uuid,
	"is_key" boolean DEFAULT false NOT NULL,
	"deal_status" text DEFAULT 'none' NOT NULL,
	"last_deal_at" timestamp with time zone,
	"next_contact_at" timestamp with time zone,
	"last_follow_up_at" timestamp with time zone,
	"owned_since" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "customers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_owner_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_department_id_departments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_parent_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_owner_updated_idx" ON "customers" USING btree ("tenant_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_owner_created_idx" ON "customers" USING btree ("tenant_id","owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_owner_follow_idx" ON "customers" USING btree ("tenant_id","owner_id","last_follow_up_at","id");--> statement-breakpoint
CREATE INDEX "customers_owner_next_idx" ON "customers" USING btree ("tenant_id","owner_id","next_contact_at","id");--> statement-breakpoint
CREATE INDEX "customers_owner_name_idx" ON "customers" USING btree ("tenant_id","owner_id","name","id");--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "customers" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_created_by_idx" ON "customers" USING btree ("tenant_id","created_by");--> statement-breakpoint
CREATE INDEX "customers_department_idx" ON "customers" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE INDEX "customers_parent_idx" ON "customers" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "customers_pool_idx" ON "customers" USING btree ("tenant_id","pool_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "customers_name_key_idx" ON "customers" USING btree ("tenant_id","name_key");--> statement-breakpoint
CREATE INDEX "customers_credit_code_idx" ON "customers" USING btree ("tenant_id","credit_code");--> statement-breakpoint
CREATE INDEX "customers_phone_key_idx" ON "customers" USING btree ("tenant_id","phone_key");--> statement-breakpoint
CREATE INDEX "customers_email_key_idx" ON "customers" USING btree ("tenant_id","email_key");--> statement-breakpoint
CREATE POLICY "customers_tenant_isolation" ON "customers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);