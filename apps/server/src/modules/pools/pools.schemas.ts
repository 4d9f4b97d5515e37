import { z } from 'zod';
import { listQuery, name } from '../../platform/http/schemas.ts';
import { poolEventKinds, poolRuleCodes } from './pools.table.ts';

const days = () => z.number().int().min(1).max(3650);
const toggle = () => z.object({ enabled: z.boolean(), days: days() });

export const poolRules = z.object({
  noFollowUpDays: toggle(),
  noDealDays: toggle(),
  excludeKey: z.boolean(),
  warnDays: z.object({ enabled: z.boolean(), days: z.number().int().min(1).max(365) }),
});
export type PoolRulesInput = z.infer<typeof poolRules>;

export const pool = z.object({
  id: z.uuid(),
  name: z.string(),
  departmentIds: z.array(z.uuid()),
  rules: poolRules,
  /** Claims per person per day (Asia/Shanghai); null = no limit. */
  claimDailyLimit: z.number().int().nullable(),
  /** Refuse a claim while the claimant owns this many customers; null = no limit. */
  maxOwned: z.number().int().nullable(),
  cooldownDays: z.number().int(),
  customerCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Pool = z.infer<typeof pool>;

const limit = () => z.number().int().min(1).max(100_000).nullable();

export const createPoolBody = z.object({
  name: name(50),
  departmentIds: z.array(z.uuid()).min(1).max(200),
  rules: poolRules.default({
    noFollowUpDays: { enabled: false, days: 30 },
    noDealDays: { enabled: false, days: 90 },
    excludeKey: true,
    warnDays: { enabled: false, days: 3 },
  }),
  claimDailyLimit: limit().default(null),
  maxOwned: limit().default(null),
  cooldownDays: z.number().int().min(0).max(3650).default(0),
});
export type CreatePool = z.infer<typeof createPoolBody>;

export const updatePoolBody = z.object({
  name: name(50).optional(),
  departmentIds: z.array(z.uuid()).min(1).max(200).optional(),
  rules: poolRules.partial().optional(),
  claimDailyLimit: limit().optional(),
  maxOwned: limit().optional(),
  cooldownDays: z.number().int().min(0).max(3650).optional(),
});
export type UpdatePool = z.infer<typeof updatePoolBody>;

export const poolCustomersQuery = listQuery.extend({ q: z.string().trim().max(100).optional() });
export type PoolCustomersQuery = z.infer<typeof poolCustomersQuery>;

export const poolCustomer = z.object({
  id: z.uuid(),
  name: z.string(),
  industry: z.string().nullable(),
  level: z.string().nullable(),
  isKey: z.boolean(),
  lastFollowUpAt: z.date().nullable(),
  lastOwnerId: z.uuid().nullable(),
  lastOwnerName: z.string().nullable(),
  /** How it came in: moved_in (a rule) or returned (by its owner); null when imported straight into the pool. */
  movedInKind: z.enum(poolEventKinds).nullable(),
  /** Readable reason: the rule ("30 天未跟进") or the owner's own words. */
  movedInReason: z.string().nullable(),
  movedInAt: z.date().nullable(),
});

export const claimBody = z.object({ customerId: z.uuid() });
export const claimResult = z.object({
  id: z.uuid(),
  name: z.string(),
  ownerId: z.uuid(),
  departmentId: z.uuid().nullable(),
  ownedSince: z.date(),
});

export const assignBody = z.object({ customerIds: z.array(z.uuid()).min(1).max(500), toUserId: z.uuid() });
export const assignResult = z.object({ assigned: z.number().int(), customerIds: z.array(z.uuid()) });

export const returnBody = z.object({ poolId: z.uuid(), reason: z.string().trim().min(1).max(500) });
export const returnResult = z.object({ id: z.uuid(), poolId: z.uuid() });

export const dryRunQuery = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });

const ruleHit = z.object({
  customerId: z.uuid(),
  name: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  rule: z.enum(poolRuleCodes),
  days: z.number().int(),
  /** Readable, in the caller's language: "30 天未跟进". */
  reason: z.string(),
  /** When the rule moves (moved) or will move (warning) the customer. */
  dueAt: z.date(),
});
export const dryRunResult = z.object({ asOf: z.date(), moves: z.array(ruleHit), warnings: z.array(ruleHit) });

export const applyResult = z.object({
  /** The business date the rules were applied on. */
  asOf: z.date(),
  /** Customers moved into this pool. */
  moved: z.number().int(),
  /** Customers of this pool's rules within the warning window, left with their owner. */
  warned: z.number().int(),
  movedCustomers: z.array(
    z.object({ customerId: z.uuid(), name: z.string(), ownerName: z.string().nullable(), reason: z.string() }),
  ),
});
