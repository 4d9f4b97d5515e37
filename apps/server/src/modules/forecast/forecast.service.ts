import Decimal from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { can } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { departmentSubtree, type OrgSnapshot, type Visible } from '../../platform/access/scope.ts';
import { visibleOwnersIn } from '../../platform/access/visibility.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { tenants } from '../tenants/tenants.table.ts';
import { figures, rollUpQuotas, sumOwners, type Totals } from './forecast.math.ts';
import {
  type FiscalQuarter,
  fiscalQuarterOf,
  parseQuarterKey,
  type QuarterRange,
  quarterRange,
  shanghaiToday,
  shiftQuarter,
} from './forecast.quarters.ts';
import * as repo from './forecast.repo.ts';
import type { ForecastQuery, PutDepartmentQuotasBody, PutUserQuotasBody } from './forecast.schemas.ts';
import { salesQuotas } from './forecast.table.ts';

/*
 * Quotas and forecast (销售预期). Visibility follows the "opportunities" data scope: the forecast is a sum over
 * opportunity owners, so a person sees their own figures, a manager those of the people their opportunities scope
 * covers, a department only when its whole subtree is covered (a partial department figure would read as the
 * department's), the company only with scope "all". Sharing does not widen it: a shared opportunity does not make
 * its owner's forecast visible.
 */

export const PERMISSION_MODULE = 'forecast';
/** The data scope the forecast follows. */
const SCOPE_MODULE = 'opportunities';
export const QUOTA_OBJECT = 'sales_quota';

interface Env {
  startMonth: number;
  org: OrgSnapshot;
  visible: Visible;
}

async function env(ctx: RequestContext): Promise<Env> {
  const { tx, actor } = ctx;
  const [row] = await tx
    .select({ m: tenants.fiscalYearStartMonth })
    .from(tenants)
    .where(eq(tenants.id, actor.tenantId));
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  const visible = await visibleOwnersIn(tx, actor, SCOPE_MODULE);
  return { startMonth: row?.m ?? 1, org, visible };
}

const sees = (visible: Visible, userId: string) => visible === 'all' || visible.has(userId);

function quarterOf(e: Env, key: string | undefined, locale: 'zh-CN' | 'en'): QuarterRange {
  const q: FiscalQuarter = key ? parseQuarterKey(key)! : fiscalQuarterOf(shanghaiToday(), e.startMonth);
  return quarterRange(q, e.startMonth, locale);
}

const loc = (ctx: RequestContext) => (ctx.locale === 'en' ? 'en' : 'zh-CN');

interface ResolvedScope {
  kind: 'me' | 'department' | 'company';
  departmentId: string | null;
  /** Root departments whose effective quota is the scope's quota (none for a person). */
  quotaDepartments: string[];
  owners: Set<string>;
}

/**
 * Departments whose every member (main department in the subtree) the actor may see: a department is covered when
 * its direct members are visible and its children are covered. One pass over users and departments; a department
 * met again on its own path (a cycle left by bad data) is not covered.
 */
function coveredDepartments(org: OrgSnapshot, visible: Visible): Set<string> {
  if (visible === 'all') return new Set(org.departments.map((d) => d.id));
  const membersVisible = new Map<string, boolean>();
  for (const u of org.users) {
    membersVisible.set(u.departmentId, (membersVisible.get(u.departmentId) ?? true) && visible.has(u.id));
  }
  const children = new Map<string, string[]>();
  for (const d of org.departments) {
    if (!d.parentId) continue;
    const list = children.get(d.parentId) ?? [];
    list.push(d.id);
    children.set(d.parentId, list);
  }
  const memo = new Map<string, boolean>();
  const onPath = new Set<string>();
  const covered = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (onPath.has(id)) return false;
    onPath.add(id);
    const ok = (membersVisible.get(id) ?? true) && (children.get(id) ?? []).every(covered);
    onPath.delete(id);
    memo.set(id, ok);
    return ok;
  };
  return new Set(org.departments.filter((d) => covered(d.id)).map((d) => d.id));
}

function resolveScope(ctx: RequestContext, e: Env, scope: string): ResolvedScope {
  const { actor } = ctx;
  if (scope === 'me') {
    return { kind: 'me', departmentId: null, quotaDepartments: [], owners: new Set([actor.userId]) };
  }
  if (scope === 'company') {
    if (e.visible !== 'all') throw new AppError(403, 'forecast.scope_denied');
    return {
      kind: 'company',
      departmentId: null,
      quotaDepartments: e.org.departments.filter((d) => !d.parentId).map((d) => d.id),
      owners: new Set(e.org.users.map((u) => u.id)),
    };
  }
  const departmentId = scope.slice('department:'.length).toLowerCase();
  if (!e.org.departments.some((d) => d.id === departmentId)) throw notFound();
  const tree = departmentSubtree(e.org, [departmentId]);
  const owners = new Set(e.org.users.filter((u) => tree.has(u.departmentId)).map((u) => u.id));
  for (const id of owners) if (!sees(e.visible, id)) throw new AppError(403, 'forecast.scope_denied');
  return { kind: 'department', departmentId, quotaDepartments: [departmentId], owners };
}

function quotaMaps(rows: repo.QuotaRow[], q: FiscalQuarter) {
  const personal = new Map<string, Decimal>();
  const explicit = new Map<string, Decimal>();
  for (const r of rows) {
    if (r.fiscalYear !== q.fiscalYear || r.quarter !== q.quarter) continue;
    if (r.userId) personal.set(r.userId, new Decimal(r.amount));
    if (r.departmentId) explicit.set(r.departmentId, new Decimal(r.amount));
  }
  return { personal, explicit };
}

/** The scope's quota for one quarter: the person's, or the departments' effective ones (with the rolled-up sum). */
function scopeQuota(ctx: RequestContext, e: Env, s: ResolvedScope, rows: repo.QuotaRow[], q: FiscalQuarter) {
  const { personal, explicit } = quotaMaps(rows, q);
  if (s.kind === 'me') {
    const own = personal.get(ctx.actor.userId) ?? null;
    return { quota: own, rolledUp: null, personal };
  }
  const rolled = rollUpQuotas(e.org, personal, explicit);
  let quota: Decimal | null = null;
  let rolledUp: Decimal | null = null;
  for (const d of s.quotaDepartments) {
    const r = rolled.get(d);
    if (r?.effective) quota = (quota ?? new Decimal(0)).plus(r.effective);
    if (r?.rolledUp) rolledUp = (rolledUp ?? new Decimal(0)).plus(r.rolledUp);
  }
  return { quota, rolledUp, personal };
}

const money = (d: Decimal | null) => (d === null ? null : d.toFixed(2));

export async function forecast(ctx: RequestContext, query: ForecastQuery) {
  const { tx, actor } = ctx;
  const e = await env(ctx);
  const range = quarterOf(e, query.quarter, loc(ctx));
  const s = resolveScope(ctx, e, query.scope);
  const [sums] = await repo.forecastSums(tx, actor.tenantId, s.kind === 'company' ? 'all' : s.owners, [range]);
  const quotaRows = await repo.quotasFor(tx, actor.tenantId, [range]);
  const { quota, rolledUp, personal } = scopeQuota(ctx, e, s, quotaRows, range);
  const rows = sums ?? [];
  const [users, deptNames] = await Promise.all([
    repo.people(tx, actor.tenantId),
    repo.departmentNames(tx, actor.tenantId),
  ]);
  const byOwner = new Map(rows.map((r) => [r.ownerId, r]));
  const people = [...s.owners]
    .map((id) => users.get(id))
    .filter((u): u is repo.PersonRow => Boolean(u))
    // A disabled person stays in the table only while they still have figures or a quota this quarter.
    .filter((u) => u.active || byOwner.has(u.id) || personal.has(u.id))
    .map((u) => ({
      userId: u.id,
      name: u.name,
      departmentId: u.departmentId,
      departmentName: deptNames.get(u.departmentId) ?? null,
      active: u.active,
      ...figures(sumOwners(rows, new Set([u.id])), personal.get(u.id) ?? null),
    }))
    .sort(
      (a, b) =>
        (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN') ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  // The company figure is everything (also opportunities of people the cached snapshot has not met yet).
  const totals: Totals = sumOwners(rows, s.kind === 'company' ? undefined : s.owners);
  return {
    quarter: range,
    scope: scopeItem(ctx, s, users, deptNames),
    totals: { ...figures(totals, quota), quotaRolledUp: money(rolledUp) },
    people,
  };
}

function scopeItem(
  ctx: RequestContext,
  s: ResolvedScope,
  users: Map<string, repo.PersonRow>,
  deptNames: Map<string, string>,
) {
  const en = ctx.locale === 'en';
  const name =
    s.kind === 'me'
      ? (users.get(ctx.actor.userId)?.name ?? ctx.actor.name)
      : s.kind === 'company'
        ? en
          ? 'Company'
          : '全公司'
        : (deptNames.get(s.departmentId!) ?? '');
  return { kind: s.kind, departmentId: s.departmentId, name };
}

/** The last four quarters up to the given one (oldest first), in one forecast statement. */
export async function trend(ctx: RequestContext, query: ForecastQuery) {
  const { tx, actor } = ctx;
  const e = await env(ctx);
  const last = quarterOf(e, query.quarter, loc(ctx));
  const ranges = [-3, -2, -1, 0].map((n) => quarterRange(shiftQuarter(last, n), e.startMonth, loc(ctx)));
  const s = resolveScope(ctx, e, query.scope);
  const sums = await repo.forecastSums(tx, actor.tenantId, s.kind === 'company' ? 'all' : s.owners, ranges);
  const quotaRows = await repo.quotasFor(tx, actor.tenantId, ranges);
  const [users, deptNames] = await Promise.all([
    repo.people(tx, actor.tenantId),
    repo.departmentNames(tx, actor.tenantId),
  ]);
  return {
    scope: scopeItem(ctx, s, users, deptNames),
    items: ranges.map((r, i) => ({
      quarter: r,
      ...figures(
        sumOwners(sums[i] ?? [], s.kind === 'company' ? undefined : s.owners),
        scopeQuota(ctx, e, s, quotaRows, r).quota,
      ),
    })),
  };
}

/** What the forecast page offers the actor: the current quarter, the departments and whether the company. */
export async function options(ctx: RequestContext) {
  const { tx, actor } = ctx;
  const e = await env(ctx);
  const covered = coveredDepartments(e.org, e.visible);
  const names = await repo.departmentNames(tx, actor.tenantId);
  return {
    fiscalYearStartMonth: e.startMonth,
    currentQuarter: quarterOf(e, undefined, loc(ctx)),
    company: e.visible === 'all',
    departments: e.org.departments
      .filter((d) => covered.has(d.id))
      .map((d) => ({
        id: d.id,
        name: names.get(d.id) ?? '',
        parentId: d.parentId && covered.has(d.parentId) ? d.parentId : null,
      })),
    canSetQuotas: can(actor, 'forecast.set_quotas'),
    canSetDepartmentQuotas: can(actor, 'forecast.set_department_quotas'),
  };
}

/** May the actor set this person's quota? Within their opportunities scope, and not their own unless scope "all". */
const mayEditPerson = (ctx: RequestContext, e: Env, userId: string) =>
  can(ctx.actor, 'forecast.set_quotas') &&
  (e.visible === 'all' || (e.visible.has(userId) && userId !== ctx.actor.userId));

/** A department's quotas for a quarter: its own, its direct children's, and its people (those the actor may see). */
export async function quotas(ctx: RequestContext, query: { quarter?: string; departmentId?: string }) {
  const { tx, actor } = ctx;
  const e = await env(ctx);
  const range = quarterOf(e, query.quarter, loc(ctx));
  const departmentId = query.departmentId ?? actor.departmentId;
  if (!e.org.departments.some((d) => d.id === departmentId)) throw notFound();
  const rows = await repo.quotasFor(tx, actor.tenantId, [range]);
  const { personal, explicit } = quotaMaps(rows, range);
  const rolled = rollUpQuotas(e.org, personal, explicit);
  const [users, names] = await Promise.all([repo.people(tx, actor.tenantId), repo.departmentNames(tx, actor.tenantId)]);
  const dept = (id: string) => {
    const r = rolled.get(id);
    return {
      id,
      name: names.get(id) ?? '',
      explicit: money(r?.explicit ?? null),
      rolledUp: money(r?.rolledUp ?? null),
      effective: money(r?.effective ?? null),
    };
  };
  const tree = departmentSubtree(e.org, [departmentId]);
  const members = [...users.values()]
    .filter((u) => tree.has(u.departmentId) && sees(e.visible, u.id) && (u.active || personal.has(u.id)))
    .map((u) => ({
      userId: u.id,
      name: u.name,
      departmentId: u.departmentId,
      departmentName: names.get(u.departmentId) ?? null,
      quota: money(personal.get(u.id) ?? null),
      editable: mayEditPerson(ctx, e, u.id),
    }))
    .sort(
      (a, b) =>
        (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN') ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  return {
    quarter: range,
    department: dept(departmentId),
    children: e.org.departments.filter((d) => d.parentId === departmentId).map((d) => dept(d.id)),
    members,
  };
}

type Subject = { kind: 'user'; id: string; label: string } | { kind: 'department'; id: string; label: string };

async function writeQuotas(
  ctx: RequestContext,
  range: QuarterRange,
  items: { subject: Subject; amount: string | null }[],
) {
  const { tx, actor } = ctx;
  const existing = await repo.quotasFor(tx, actor.tenantId, [range]);
  const find = (s: Subject) => existing.find((r) => (s.kind === 'user' ? r.userId : r.departmentId) === s.id);
  const out: { id: string; quota: string | null }[] = [];
  for (const { subject, amount } of items) {
    const row = find(subject);
    const next = amount === null ? null : new Decimal(amount).toFixed(2);
    const before = row?.amount ?? null;
    out.push({ id: subject.id, quota: next });
    if (before === next) continue;
    const where = and(eq(salesQuotas.tenantId, actor.tenantId), eq(salesQuotas.id, row?.id ?? ''));
    let recordId = row?.id;
    if (row && next === null) {
      await tx.delete(salesQuotas).where(where);
    } else if (row) {
      await tx.update(salesQuotas).set({ amount: next!, updatedBy: actor.userId, updatedAt: new Date() }).where(where);
    } else {
      recordId = newId();
      await tx.insert(salesQuotas).values({
        tenantId: actor.tenantId,
        id: recordId,
        fiscalYear: range.fiscalYear,
        quarter: range.quarter,
        userId: subject.kind === 'user' ? subject.id : null,
        departmentId: subject.kind === 'department' ? subject.id : null,
        amount: next!,
        updatedBy: actor.userId,
      });
    }
    const who = subject.kind === 'user' ? { person: subject.label } : { department: subject.label };
    ctx.audit.record({
      action: 'set_quota',
      objectType: QUOTA_OBJECT,
      recordId: recordId!,
      before: { ...who, quarter: range.label, quota: before },
      after: { ...who, quarter: range.label, quota: next },
    });
  }
  return { quarter: range, items: out };
}

function noRepeats<T>(list: T[], key: (x: T) => string, field: string) {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(key(x))) throw invalidField(`items.${i}.${field}`, 'forecast.repeated');
    seen.add(key(x));
  });
}

/** Set (or clear, amount null) people's quotas for a quarter: only people within the actor's scope. */
export async function setUserQuotas(ctx: RequestContext, body: PutUserQuotasBody) {
  const e = await env(ctx);
  const range = quarterOf(e, body.quarter, loc(ctx));
  noRepeats(body.items, (x) => x.userId, 'userId');
  const users = await repo.people(ctx.tx, ctx.actor.tenantId);
  const items = body.items.map((item, i) => {
    const u = users.get(item.userId);
    if (!u || !sees(e.visible, u.id)) throw invalidField(`items.${i}.userId`, 'field.not_found');
    if (!mayEditPerson(ctx, e, u.id)) throw new AppError(403, 'forecast.quota_not_allowed', { name: u.name });
    return { subject: { kind: 'user' as const, id: u.id, label: u.name }, amount: item.amount };
  });
  return writeQuotas(ctx, range, items);
}

/** Set (or clear) departments' own quotas for a quarter (forecast.set_department_quotas). */
export async function setDepartmentQuotas(ctx: RequestContext, body: PutDepartmentQuotasBody) {
  const e = await env(ctx);
  const range = quarterOf(e, body.quarter, loc(ctx));
  noRepeats(body.items, (x) => x.departmentId, 'departmentId');
  const names = await repo.departmentNames(ctx.tx, ctx.actor.tenantId);
  const items = body.items.map((item, i) => {
    const name = names.get(item.departmentId);
    if (name === undefined) throw invalidField(`items.${i}.departmentId`, 'field.not_found');
    return { subject: { kind: 'department' as const, id: item.departmentId, label: name }, amount: item.amount };
  });
  return writeQuotas(ctx, range, items);
}
