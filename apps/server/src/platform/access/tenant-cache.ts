/**
 * Per-tenant values cached in this process under the tenant's access version (tenants.org_version). Every
 * change to what the value is built from bumps that version in its own transaction (bumpOrgVersion), and
 * every request reads the current version with its actor (loadActor), so a stale value is never used, even
 * when another server process made the change. For small, rarely changed, often read access data: the org
 * tree, sharing defaults, pool memberships.
 */
export function versionedTenantCache<T>(maxTenants = 5000) {
  const cache = new Map<string, { version: number; value: T }>();
  return async (tenantId: string, version: number, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(tenantId);
    if (hit && hit.version === version) return hit.value;
    const value = await load();
    if (cache.size >= maxTenants) cache.delete(cache.keys().next().value!);
    // A negative version (an actor made up by a system task) is never cached.
    if (version >= 0) cache.set(tenantId, { version, value });
    return value;
  };
}
