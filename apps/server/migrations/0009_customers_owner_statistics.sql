-- The planner treats tenant_id and owner_id as independent, but an owner belongs to exactly one tenant. For
-- the 下属负责的 list (tenant_id = $t AND owner_id = ANY(team)) it then expects ~50 rows where a manager's team
-- owns thousands, fetches and joins all of them and sorts: ~110 ms at 1M customers (bench/, issue 3).
-- With the functional dependency known it walks customers_updated_idx backwards and stops after one page (~4 ms).
CREATE STATISTICS IF NOT EXISTS "customers_tenant_owner_stats" (dependencies) ON "tenant_id", "owner_id" FROM "customers";
