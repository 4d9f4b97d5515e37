ALTER TABLE "roles" ADD COLUMN "template_modules" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Built-in roles created before this migration already hold the templates of the platform modules.
UPDATE "roles" SET "template_modules" = ARRAY['org', 'employees', 'roles', 'settings', 'audit'] WHERE "code" IS NOT NULL;
