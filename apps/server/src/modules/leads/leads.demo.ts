import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../../platform/http/route.ts';
import { customers } from '../customers/index.ts';
import { convert } from './leads.convert.ts';
import { convertBody, createLeadBody } from './leads.schemas.ts';
import { create } from './leads.service.ts';

type Ctx = Pick<RequestContext, 'tx' | 'actor'> & { audit: Pick<RequestContext['audit'], 'record'> };
type Owner = 'manager' | 's1' | 's2' | 'pool';

const DAY = 86_400_000;

const DEMO: [Owner, string, string, string, string, string, 'new' | 'following' | 'invalid'][] = [
  ['s1', '展会', '宁波港湾物流有限公司', '周强', '采购经理', '13800010001', 'new'],
  ['s1', '网络推广', '青岛海岸食品有限公司', '吴敏', '总经理', '13800010002', 'following'],
  ['s1', '电话营销', '南京金陵软件有限公司', '郑涛', 'IT 主管', '13800010003', 'following'],
  ['s1', '网络推广', '厦门鹭岛贸易有限公司', '王芳', '行政经理', '13800010004', 'invalid'],
  ['s2', '合作伙伴', '天津滨海化工有限公司', '冯磊', '采购总监', '13800010005', 'new'],
  ['s2', '展会', '合肥科大智能设备有限公司', '陈静', '副总经理', '13800010006', 'following'],
  ['manager', '老客户介绍', '长沙湘江机械制造有限公司', '褚伟', '总经理', '13800010007', 'following'],
  ['pool', '网络推广', '郑州中原物流有限公司', '卫东', '运营经理', '13800010008', 'new'],
  ['pool', '展会', '西安古城文化传播有限公司', '蒋丽', '市场总监', '13800010009', 'new'],
  ['pool', '电话营销', '昆明春城花卉有限公司', '沈洋', '老板', '13800010010', 'new'],
  ['pool', '网络推广', '大连北方海产有限公司', '韩梅', '采购', '13800010011', 'new'],
];

/**
 * ~12 demo leads for 演示科技有限公司: owned by the salespeople and the manager, four in the lead pool, and one
 * converted into an existing demo customer with a new contact. Created through the same services as the API.
 */
export async function seedDemoLeads(ctx: Ctx, owners: { manager: string; s1: string; s2: string }): Promise<number> {
  let n = 0;
  for (const [owner, source, companyName, contactName, title, mobile, status] of DEMO) {
    n++;
    await create(
      ctx,
      createLeadBody.parse({
        source,
        companyName,
        contactName,
        title,
        mobile,
        status,
        invalidReason: status === 'invalid' ? '联系不上，号码已停机' : null,
        ownerId: owner === 'pool' ? null : owners[owner],
        nextContactAt: status === 'following' ? new Date(Date.now() + (n % 5) * DAY) : null,
        notes: status === 'following' ? '已电话沟通，对方有采购意向' : null,
        force: true,
      }),
    );
  }
  const converted = await create(
    ctx,
    createLeadBody.parse({
      source: '老客户介绍',
      companyName: '上海云启软件有限公司',
      contactName: '林峰',
      title: '技术总监',
      mobile: '13800010012',
      email: 'linfeng@yunqi.example.cn',
      status: 'following',
      ownerId: owners.s1,
      force: true,
    }),
  );
  // Converted into the existing demo customer (the demo's customer count stays as the customers module seeds it).
  const [customer] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.name, '上海云启软件有限公司')));
  await convert(
    ctx as RequestContext,
    converted.id,
    convertBody.parse({
      customer: customer ? { mode: 'existing', customerId: customer.id } : { mode: 'new', force: true },
      contact: { mode: 'new' },
    }),
  );
  return n + 1;
}
