CREATE TABLE "customer_pools" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"no_follow_up_enabled" boolean DEFAULT false NOT NULL,
	"no_follow_up_days" integer DEFAULT 30 NOT NULL,
	"no_deal_enabled" boolean DEFAULT false NOT NULL,
	"no_deal_days" integer DEFAULT 90 NOT NULL,
	"exclude_key" boolean DEFAULT true NOT NULL,
	"warn_enabled" boolean DEFAULT false NOT NULL,
	"warn_days" integer DEFAULT 3 NOT NULL,
	"claim_daily_limit" integer,
	"max_owned" integer,
	"cooldown_days" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_pools_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_pools" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pool_departments" (
	"tenant_id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "pool_departments_tenant_id_pool_id_department_id_pk" PRIMARY KEY("tenant_id","pool_id","department_id")
);
--> statement-breakpoint
ALTER TABLE "pool_departments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pool_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"previous_owner_id" uuid,
	"to_user_id" uuid,
	"rule" text,
	"rule_days" integer,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pool_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "pool_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pool_departments" ADD CONSTRAINT "pool_departments_tenant_id_pool_id_customer_pools_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pool_id") REFERENCES "public"."customer_pools"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_departments" ADD CONSTRAINT "pool_departments_tenant_id_department_id_departments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_events" ADD CONSTRAINT "pool_events_tenant_id_pool_id_customer_pools_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pool_id") REFERENCES "public"."customer_pools"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_events" ADD CONSTRAINT "pool_events_tenant_id_customer_id_customers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_events" ADD CONSTRAINT "pool_events_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_events" ADD CONSTRAINT "pool_events_tenant_id_previous_owner_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","previous_owner_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_events" ADD CONSTRAINT "pool_events_tenant_id_to_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","to_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_pools_name_uq" ON "customer_pools" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "pool_departments_department_idx" ON "pool_departments" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE INDEX "pool_events_pool_idx" ON "pool_events" USING btree ("tenant_id","pool_id","at");--> statement-breakpoint
CREATE INDEX "pool_events_customer_idx" ON "pool_events" USING btree ("tenant_id","customer_id","at");--> statement-breakpoint
CREATE INDEX "pool_events_user_idx" ON "pool_events" USING btree ("tenant_id","user_id","kind","at");--> statement-breakpoint
CREATE INDEX "pool_events_previous_owner_idx" ON "pool_events" USING btree ("tenant_id","previous_owner_id");--> statement-breakpoint
CREATE INDEX "pool_events_to_user_idx" ON "pool_events" USING btree ("tenant_id","to_user_id");--> statement-breakpoint
CREATE POLICY "customer_pools_tenant_isolation" ON "customer_pools" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "pool_departments_tenant_isolation" ON "pool_departments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "pool_events_tenant_isolation" ON "pool_events" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);