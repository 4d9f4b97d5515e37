import { and, eq } from 'drizzle-orm';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../platform/text/index.ts';
import { type CreateCustomer, createCustomerBody } from './customers.schemas.ts';
import { type CustomerContext, createCustomer } from './customers.service.ts';
import { customers } from './customers.table.ts';

/** A valid 统一社会信用代码 for a demo company (division code + a made-up organisation code). */
function demoCreditCode(division: string, n: number): string {
  const org8 = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91${division}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + creditCodeCheckChar(first17);
}

type Demo = Partial<CreateCustomer> & {
  name: string;
  owner: 'manager' | 's1' | 's2';
  parent?: string;
  followedDaysAgo?: number;
};

const PLACES: Record<string, [string, string, string]> = {
  上海: ['上海市', '上海市', '310000'],
  北京: ['北京市', '北京市', '110000'],
  杭州: ['浙江省', '杭州市', '330100'],
  苏州: ['江苏省', '苏州市', '320500'],
  深圳: ['广东省', '深圳市', '440300'],
  广州: ['广东省', '广州市', '440100'],
  成都: ['四川省', '成都市', '510100'],
  武汉: ['湖北省', '武汉市', '420100'],
};

const DEMO: Demo[] = [
  { name: '华东控股集团有限公司', owner: 'manager', industry: '综合', level: 'A', isKey: true, tags: ['集团客户'] },
  { name: '华东控股集团上海分公司', owner: 'manager', industry: '综合', level: 'A', parent: '华东控股集团有限公司' },
  { name: '华东控股（杭州）贸易有限公司', owner: 's1', industry: '贸易', level: 'B', parent: '华东控股集团有限公司' },
  { name: '华东控股苏州制造有限公司', owner: 's2', industry: '制造', level: 'B', parent: '华东控股集团上海分公司' },
  { name: '上海云启软件有限公司', owner: 's1', industry: '软件', level: 'A', isKey: true, dealStatus: 'won' },
  { name: '北京星辰科技有限公司', owner: 's1', industry: '软件', level: 'B', dealStatus: 'in_progress' },
  { name: '杭州明湖电子商务有限公司', owner: 's1', industry: '电商', level: 'B', tags: ['电商'] },
  { name: '苏州精工机械有限公司', owner: 's1', industry: '制造', level: 'C' },
  { name: '深圳前海物流有限公司', owner: 's1', industry: '物流', level: 'B', followedDaysAgo: 40 },
  { name: '广州南方医疗器械有限公司', owner: 's1', industry: '医疗', level: 'A', isKey: true },
  { name: '成都天府餐饮管理有限公司', owner: 's1', industry: '餐饮', level: 'C', followedDaysAgo: 95 },
  { name: '武汉长江建材有限公司', owner: 's1', industry: '建材', level: 'C' },
  { name: '上海浦江教育咨询有限公司', owner: 's1', industry: '教育', level: 'B' },
  { name: '刘女士', owner: 's1', kind: 'individual', level: 'C', source: '老客户介绍' },
  { name: '北京京西汽车销售服务有限公司', owner: 's2', industry: '汽车', level: 'A', dealStatus: 'won' },
  { name: '杭州西溪智能科技有限公司', owner: 's2', industry: '软件', level: 'B', isKey: true },
  { name: '苏州工业园区新材料有限公司', owner: 's2', industry: '化工', level: 'B' },
  { name: '深圳南山半导体有限公司', owner: 's2', industry: '电子', level: 'A', dealStatus: 'in_progress' },
  { name: '广州天河广告传媒有限公司', owner: 's2', industry: '传媒', level: 'C', followedDaysAgo: 60 },
  { name: '成都高新生物科技有限公司', owner: 's2', industry: '医疗', level: 'B' },
  { name: '武汉光谷光电有限公司', owner: 's2', industry: '电子', level: 'B' },
  { name: '上海静安酒店管理有限公司', owner: 's2', industry: '酒店', level: 'C', dealStatus: 'lost' },
  { name: '北京中关村数据服务有限公司', owner: 's2', industry: '软件', level: 'A' },
  { name: '陈先生', owner: 's2', kind: 'individual', level: 'C', source: '网络推广' },
  { name: '杭州钱塘食品有限公司', owner: 'manager', industry: '食品', level: 'B' },
  { name: '深圳宝安电子商务有限公司', owner: 'manager', industry: '电商', level: 'A', isKey: true },
  { name: '广州白云国际贸易有限公司', owner: 'manager', industry: '贸易', level: 'B', dealStatus: 'won' },
  { name: '成都锦江文化旅游有限公司', owner: 'manager', industry: '旅游', level: 'C' },
  { name: '武汉东湖环保科技有限公司', owner: 'manager', industry: '环保', level: 'B' },
  { name: '苏州姑苏纺织有限公司', owner: 'manager', industry: '纺织', level: 'C', followedDaysAgo: 20 },
];

const SOURCES = ['展会', '网络推广', '老客户介绍', '电话营销', '合作伙伴'];
const STATUSES = ['潜在客户', '初步接触', '需求确认', '方案报价', '已成交'];
const DAY = 86_400_000;

/**
 * ~30 demo customers for 演示科技有限公司, owned by the sales manager and the two salespeople, with a small
 * group (华东控股: 母公司, 分公司, 子公司). Created through the same service as the API (rules, audit trail).
 */
export async function seedDemoCustomers(
  ctx: CustomerContext,
  owners: { manager: string; s1: string; s2: string },
): Promise<number> {
  const ids = new Map<string, string>();
  let n = 0;
  for (const d of DEMO) {
    n++;
    const city = Object.keys(PLACES).find((c) => d.name.includes(c)) ?? '上海';
    const [province, cityName, division] = PLACES[city]!;
    const enterprise = d.kind !== 'individual';
    const { owner, parent, followedDaysAgo, ...fields } = d;
    const input = createCustomerBody.parse({
      kind: 'enterprise',
      shortName: enterprise ? d.name.replace(/(集团)?(股份)?有限(责任)?公司$/u, '') : null,
      creditCode: enterprise ? demoCreditCode(division, n) : null,
      source: SOURCES[n % SOURCES.length]!,
      status: STATUSES[n % STATUSES.length]!,
      phone: enterprise
        ? `0${20 + (n % 9)}-${String(66_000_000 + n * 1_111).slice(0, 8)}`
        : `1390000${String(n).padStart(4, '0')}`,
      province,
      city: cityName,
      force: true,
      ...fields,
      ownerId: owners[owner],
      parentId: parent ? ids.get(parent) : undefined,
      nextContactAt: new Date(Date.now() + ((n % 7) - 2) * DAY),
    });
    const created = await createCustomer(ctx, input);
    ids.set(d.name, created.id);
    if (followedDaysAgo !== undefined || n % 3 === 0) {
      await ctx.tx
        .update(customers)
        .set({ lastFollowUpAt: new Date(Date.now() - (followedDaysAgo ?? n % 10) * DAY) })
        .where(and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.id, created.id)));
    }
  }
  return ids.size;
}
