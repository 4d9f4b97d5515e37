import { z } from 'zod';

/** A fiscal quarter in URLs and bodies: "2026Q1" (fiscal year named after the calendar year it starts in). */
export const quarterKeySchema = () => z.string().regex(/^\d{4}Q[1-4]$/, { message: 'forecast.invalid_quarter' });

/** me | company | department:<uuid> */
export const scopeSchema = () =>
  z.string().regex(/^(me|company|department:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'forecast.invalid_scope',
  });

/** Money ≥ 0, NUMERIC(18,2): a decimal string (or JSON number) with at most 2 decimals. */
export const quotaAmount = () =>
  z
    .union([z.string().trim(), z.number()], {
      error: (issue) => (issue.input === undefined ? 'field.required' : 'forecast.invalid_amount'),
    })
    .transform((v) => String(v))
    .pipe(z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, { message: 'forecast.invalid_amount' }));

export const forecastQuery = z.object({
  quarter: quarterKeySchema().optional(),
  scope: scopeSchema().default('me'),
});
export type ForecastQuery = z.infer<typeof forecastQuery>;

export const quarterItem = z.object({
  key: z.string(),
  fiscalYear: z.number().int(),
  quarter: z.number().int(),
  label: z.string(),
  /** First day, inclusive (YYYY-MM-DD). */
  start: z.string(),
  /** First day after the quarter, exclusive (YYYY-MM-DD). */
  end: z.string(),
});

const money = z.string();
export const figuresItem = z.object({
  quota: money.nullable(),
  closed: money,
  closedCount: z.number().int(),
  expected: money,
  best: money,
  pipelineCount: z.number().int(),
  pipelineAmount: money,
  /** Percent of quota attained ("62.5"), null without a quota. */
  attainment: z.string().nullable(),
});

export const scopeItem = z.object({
  kind: z.enum(['me', 'department', 'company']),
  departmentId: z.uuid().nullable(),
  name: z.string(),
});

export const forecastResponse = z.object({
  quarter: quarterItem,
  scope: scopeItem,
  totals: figuresItem.extend({
    /** For a department or the company: what its sub-departments and people add up to (shown next to a set quota). */
    quotaRolledUp: money.nullable(),
  }),
  people: z.array(
    figuresItem.extend({
      userId: z.uuid(),
      name: z.string(),
      departmentId: z.uuid(),
      departmentName: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
});

export const trendResponse = z.object({
  scope: scopeItem,
  items: z.array(figuresItem.extend({ quarter: quarterItem })),
});

export const optionsResponse = z.object({
  fiscalYearStartMonth: z.number().int(),
  currentQuarter: quarterItem,
  /** May the actor see the company figure (data scope "all" on opportunities)? */
  company: z.boolean(),
  /** Departments whose whole subtree is within the actor's scope, as a flat tree. */
  departments: z.array(z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() })),
  canSetQuotas: z.boolean(),
  canSetDepartmentQuotas: z.boolean(),
});

export const quotasQuery = z.object({
  quarter: quarterKeySchema().optional(),
  departmentId: z.uuid().optional(),
});

const departmentQuota = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Set on the department itself, or null. */
  explicit: money.nullable(),
  /** Σ children's effective + direct members' quotas; null when none is set. */
  rolledUp: money.nullable(),
  /** What counts: explicit when set, else rolledUp. */
  effective: money.nullable(),
});

export const quotasResponse = z.object({
  quarter: quarterItem,
  department: departmentQuota,
  children: z.array(departmentQuota),
  members: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      departmentId: z.uuid(),
      departmentName: z.string().nullable(),
      quota: money.nullable(),
      /** May the actor change this person's quota? */
      editable: z.boolean(),
    }),
  ),
});

export const putUserQuotasBody = z.strictObject({
  quarter: quarterKeySchema(),
  items: z
    .array(z.strictObject({ userId: z.uuid(), amount: quotaAmount().nullable() }))
    .min(1)
    .max(500),
});
export type PutUserQuotasBody = z.infer<typeof putUserQuotasBody>;

export const putDepartmentQuotasBody = z.strictObject({
  quarter: quarterKeySchema(),
  items: z
    .array(z.strictObject({ departmentId: z.uuid(), amount: quotaAmount().nullable() }))
    .min(1)
    .max(500),
});
export type PutDepartmentQuotasBody = z.infer<typeof putDepartmentQuotasBody>;

export const putQuotasResponse = z.object({
  quarter: quarterItem,
  items: z.array(z.object({ id: z.uuid(), quota: money.nullable() })),
});
