import { z } from 'zod';
import { listQuery, name, optionalText } from '../../platform/http/schemas.ts';
import { normalizeCreditCode } from '../../platform/text/index.ts';
import { normalisePhone } from './customers.normalise.ts';
import { customerKinds, dealStatuses } from './customers.table.ts';

export const SORTS = ['updatedAt', 'createdAt', 'lastFollowUpAt', 'nextContactAt', 'name'] as const;
export type SortField = (typeof SORTS)[number];
export const LIST_VIEWS = ['mine', 'subordinates', 'shared', 'all'] as const;

export const customer = z.object({
  id: z.uuid(),
  kind: z.enum(customerKinds),
  name: z.string(),
  shortName: z.string().nullable(),
  creditCode: z.string().nullable(),
  industry: z.string().nullable(),
  level: z.string().nullable(),
  source: z.string().nullable(),
  status: z.string().nullable(),
  tags: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  street: z.string().nullable(),
  /** Exact decimals as strings (numeric(9,6)). */
  latitude: z.string().nullable(),
  longitude: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  poolId: z.uuid().nullable(),
  parentId: z.uuid().nullable(),
  /** Null when the parent is not visible to the caller. */
  parentName: z.string().nullable(),
  isKey: z.boolean(),
  dealStatus: z.enum(dealStatuses),
  lastDealAt: z.date().nullable(),
  nextContactAt: z.date().nullable(),
  lastFollowUpAt: z.date().nullable(),
  ownedSince: z.date().nullable(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  updatedAt: z.date(),
  access: z.enum(['read', 'write']),
});
export type Customer = z.infer<typeof customer>;

const text = (max: number) => optionalText(max);
const coordinate = (max: number) =>
  z
    .union([z.string().trim(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(/^-?\d{1,3}(\.\d{1,6})?$/, { message: 'field.invalid_type' }))
    .refine((v) => Math.abs(Number(v)) <= max, { message: 'field.invalid_type' })
    .nullish()
    .transform((v) => v ?? null);
const phone = () =>
  z
    .string()
    .trim()
    .transform(normalisePhone)
    .refine((v) => v === '' || /^\+?[0-9][0-9-]{4,24}$/.test(v), { message: 'customers.invalid_phone' })
    .transform((v) => v || null)
    .nullish()
    .transform((v) => v ?? null);
const optionalEmail = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v || null)
    .pipe(z.email().max(254).nullable())
    .nullish()
    .transform((v) => v ?? null);
const creditCode = () =>
  z
    .string()
    .trim()
    .transform(normalizeCreditCode)
    .nullish()
    .transform((v) => (v ? v : null));
const tags = () =>
  z
    .array(z.string().trim().min(1).max(30))
    .max(30)
    .transform((t) => [...new Set(t)]);

/** Every writable field; create requires name, patch makes everything optional. */
const fields = {
  kind: z.enum(customerKinds),
  name: name(200),
  shortName: text(100),
  creditCode: creditCode(),
  industry: text(50),
  level: text(50),
  source: text(50),
  status: text(50),
  tags: tags(),
  phone: phone(),
  email: optionalEmail(),
  website: text(300),
  province: text(50),
  city: text(50),
  district: text(50),
  street: text(300),
  latitude: coordinate(90),
  longitude: coordinate(180),
  ownerId: z.uuid(),
  parentId: z.uuid().nullable(),
  isKey: z.boolean(),
  dealStatus: z.enum(dealStatuses),
  nextContactAt: z.coerce.date().nullable(),
  custom: z.record(z.string(), z.unknown()),
};

export const createCustomerBody = z.strictObject({
  ...fields,
  kind: fields.kind.default('enterprise'),
  tags: fields.tags.default([]),
  ownerId: fields.ownerId.optional(),
  parentId: fields.parentId.optional(),
  isKey: fields.isKey.default(false),
  dealStatus: fields.dealStatus.default('none'),
  nextContactAt: fields.nextContactAt.optional(),
  custom: fields.custom.default({}),
  /** Create even though the duplicate check found matches (the user confirmed). */
  force: z.boolean().default(false),
});
export type CreateCustomer = z.infer<typeof createCustomerBody>;

export const updateCustomerBody = z.strictObject({
  ...Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.optional()])),
  force: z.boolean().default(false),
} as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> } & { force: z.ZodDefault<z.ZodBoolean> });
export type UpdateCustomer = z.infer<typeof updateCustomerBody>;

const dateParam = () => z.coerce.date().optional();
const bool = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional();

/** Standard filters; `custom.<key>=value` parameters are accepted on top (see parseCustomFilters). */
export const customerListQuery = listQuery
  .extend({
    view: z.enum(LIST_VIEWS).default('all'),
    q: z.string().trim().max(100).optional(),
    kind: z.enum(customerKinds).optional(),
    level: z.string().max(50).optional(),
    source: z.string().max(50).optional(),
    status: z.string().max(50).optional(),
    industry: z.string().max(50).optional(),
    tag: z.string().max(30).optional(),
    ownerId: z.uuid().optional(),
    departmentId: z.uuid().optional(),
    parentId: z.uuid().optional(),
    isKey: bool(),
    dealStatus: z.enum(dealStatuses).optional(),
    province: z.string().max(50).optional(),
    city: z.string().max(50).optional(),
    district: z.string().max(50).optional(),
    createdFrom: dateParam(),
    createdTo: dateParam(),
    updatedFrom: dateParam(),
    updatedTo: dateParam(),
    /** Not followed up since this time (or never). */
    followUpBefore: dateParam(),
    nextContactBefore: dateParam(),
    sort: z.enum(SORTS).default('updatedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .catchall(z.unknown());
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const customerPage = z.object({
  items: z.array(customer),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  /** True when there are more than the counted maximum: total is then a lower bound. */
  totalIsEstimate: z.boolean(),
});

export const parentBody = z.strictObject({ parentId: z.uuid().nullable() });

export const transferBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(500),
  toUserId: z.uuid(),
  withContacts: z.boolean().default(true),
});
export const transferResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), ownerId: z.uuid(), ownerName: z.string() })),
  contactsMoved: z.number().int(),
});

export interface TreeNode {
  id: string;
  name: string;
  shortName: string | null;
  ownerName: string | null;
  children: TreeNode[];
}
const treeLeaf = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  ownerName: z.string().nullable(),
});
export const treeNode: z.ZodType<TreeNode> = treeLeaf.extend({
  get children() {
    return z.array(treeNode);
  },
});
export const treeResponse = z.object({
  /** From the top of the group down to the direct parent; only the ones the caller may see. */
  ancestors: z.array(treeLeaf),
  node: treeNode,
});

/** {subsidiaries, contacts, followUps, …one number per registered roll-up, items: the same with labels}. */
export const rollupResponse = z.looseObject({
  subsidiaries: z.number().int(),
  items: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })),
});

export const tabsResponse = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int().nullable() })),
});

export const savedViewSort = z.object({ field: z.enum(SORTS), order: z.enum(['asc', 'desc']) });
export const savedView = z.object({
  id: z.uuid(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  columns: z.array(z.string()),
  sort: savedViewSort.nullable(),
  /** Offered to everyone in the company (共享视图). */
  shared: z.boolean(),
  /** The caller's own view: only the owner renames, changes or deletes it. */
  mine: z.boolean(),
  ownerName: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const viewFields = {
  name: name(50),
  filters: z.record(z.string(), z.unknown()),
  columns: z.array(z.string().min(1).max(60)).max(60),
  sort: savedViewSort.nullable(),
  shared: z.boolean(),
};
export const savedViewBody = z.strictObject({
  name: viewFields.name,
  filters: viewFields.filters.default({}),
  columns: viewFields.columns.default([]),
  sort: viewFields.sort.default(null),
  shared: viewFields.shared.default(false),
});
/** Rename, replace filters / columns / sort ("save the current list into this view"), share or unshare. */
export const savedViewPatch = z.strictObject({
  name: viewFields.name.optional(),
  filters: viewFields.filters.optional(),
  columns: viewFields.columns.optional(),
  sort: viewFields.sort.optional(),
  shared: viewFields.shared.optional(),
});
