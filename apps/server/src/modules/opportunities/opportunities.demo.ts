import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { customers } from '../customers/customers.table.ts';
import { insertType, loadStages } from './business-types.service.ts';
import { competitors, opportunities, opportunityCompetitors, opportunityStageHistory } from './opportunities.table.ts';

type Owner = 'manager' | 's1' | 's2';
interface Demo {
  name: string;
  customer: string;
  owner: Owner;
  /** Index into the type's stages: 0–3 open, 4 won, 5 lost. */
  stage: number;
  amount: string;
  /** Expected close date, days from today. */
  closeInDays: number;
  lossReason?: string;
  competitors?: string[];
}

const DEMO: Demo[] = [
  {
    name: '云启 ERP 实施项目',
    customer: '上海云启软件有限公司',
    owner: 's1',
    stage: 4,
    amount: '386000.00',
    closeInDays: -12,
  },
  {
    name: '星辰科技 CRM 采购',
    customer: '北京星辰科技有限公司',
    owner: 's1',
    stage: 2,
    amount: '128500.00',
    closeInDays: 20,
    competitors: ['金蝶'],
  },
  {
    name: '明湖电商客服系统',
    customer: '杭州明湖电子商务有限公司',
    owner: 's1',
    stage: 0,
    amount: '45000.00',
    closeInDays: 60,
  },
  {
    name: '南方医疗设备管理平台',
    customer: '广州南方医疗器械有限公司',
    owner: 's1',
    stage: 3,
    amount: '520000.00',
    closeInDays: 10,
    competitors: ['用友', '金蝶'],
  },
  {
    name: '精工机械生产排程',
    customer: '苏州精工机械有限公司',
    owner: 's1',
    stage: 1,
    amount: '76800.50',
    closeInDays: 45,
  },
  {
    name: '南山半导体数据平台',
    customer: '深圳南山半导体有限公司',
    owner: 's2',
    stage: 2,
    amount: '930000.00',
    closeInDays: 30,
    competitors: ['用友'],
  },
  {
    name: '西溪智能销售管理',
    customer: '杭州西溪智能科技有限公司',
    owner: 's2',
    stage: 1,
    amount: '98000.00',
    closeInDays: 35,
  },
  {
    name: '静安酒店会员系统',
    customer: '上海静安酒店管理有限公司',
    owner: 's2',
    stage: 5,
    amount: '66000.00',
    closeInDays: -30,
    lossReason: '价格太高',
    competitors: ['销售易'],
  },
  {
    name: '京西汽车经销商门户',
    customer: '北京京西汽车销售服务有限公司',
    owner: 's2',
    stage: 4,
    amount: '215000.00',
    closeInDays: -5,
  },
  {
    name: '中关村数据服务续约',
    customer: '北京中关村数据服务有限公司',
    owner: 's2',
    stage: 0,
    amount: '150000.00',
    closeInDays: 75,
  },
  {
    name: '宝安电商仓储对接',
    customer: '深圳宝安电子商务有限公司',
    owner: 'manager',
    stage: 3,
    amount: '268000.00',
    closeInDays: 15,
  },
];

const COMPETITORS = [
  { name: '金蝶', strengths: '财务软件品牌知名度高，渠道覆盖广', weaknesses: 'CRM 功能偏弱，实施周期长' },
  { name: '用友', strengths: '大型企业客户多，产品线全', weaknesses: '价格高，定制成本高' },
  { name: '销售易', strengths: '移动端体验好', weaknesses: '本地化部署支持有限' },
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The demo sales process (标准销售流程), a few competitors and ~10 opportunities spread over the stages. */
export async function seedDemoOpportunities(
  ctx: { tx: Tx; actor: { tenantId: string } },
  owners: Record<Owner, string>,
): Promise<number> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const { id: typeId } = await insertType(tx, tenantId, {
    name: '标准销售流程',
    stages: [
      { name: '初步接洽', probability: 10 },
      { name: '需求确认', probability: 30 },
      { name: '方案报价', probability: 50 },
      { name: '谈判审核', probability: 70 },
    ],
    lossReasons: ['价格太高', '选择了竞争对手', '需求取消', '预算不足'],
  });
  const stages = (await loadStages(tx, tenantId, [typeId])).get(typeId) ?? [];
  const rivalIds = new Map<string, string>();
  for (const c of COMPETITORS) {
    const id = newId();
    rivalIds.set(c.name, id);
    await tx.insert(competitors).values({ tenantId, id, ...c, notes: null });
  }
  const named = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        inArray(
          customers.name,
          DEMO.map((d) => d.customer),
        ),
      ),
    );
  const customerId = new Map(named.map((c) => [c.name, c.id]));
  const now = Date.now();
  let n = 0;
  for (const [i, d] of DEMO.entries()) {
    const cid = customerId.get(d.customer);
    const stage = stages[d.stage];
    if (!cid || !stage) continue;
    const id = newId();
    const ownerId = owners[d.owner];
    // The path through the stages: open stages up to the current one (lost/won from the last open stage reached).
    const path = d.stage <= 3 ? stages.slice(0, d.stage + 1) : [...stages.slice(0, 2 + (i % 3)), stage];
    const start = now - (path.length * 6 + (i % 5)) * DAY;
    const entered = path.map((_, k) => new Date(start + k * 6 * DAY + (k ? (i * 3_600_000) % DAY : 0)));
    await tx.insert(opportunities).values({
      tenantId,
      id,
      ownerId,
      createdBy: ownerId,
      name: d.name,
      customerId: cid,
      typeId,
      stageId: stage.id,
      amount: d.amount,
      expectedCloseDate: isoDay(now + d.closeInDays * DAY),
      lossReason: d.lossReason ?? null,
      notes: null,
      stageEnteredAt: entered.at(-1)!,
      createdAt: entered[0]!,
      updatedAt: entered.at(-1)!,
    });
    await tx.insert(opportunityStageHistory).values(
      path.map((s, k) => ({
        tenantId,
        id: newId(),
        opportunityId: id,
        fromStageId: k ? path[k - 1]!.id : null,
        fromStageName: k ? path[k - 1]!.name : null,
        toStageId: s.id,
        toStageName: s.name,
        changedAt: entered[k]!,
        changedBy: ownerId,
      })),
    );
    const links = (d.competitors ?? []).map((c) => rivalIds.get(c)).filter((x): x is string => Boolean(x));
    if (links.length) {
      await tx
        .insert(opportunityCompetitors)
        .values(links.map((competitorId) => ({ tenantId, opportunityId: id, competitorId })));
    }
    n++;
  }
  return n;
}
