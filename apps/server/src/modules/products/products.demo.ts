import { createCategory, type ProductContext } from './categories.service.ts';
import { createProductBody } from './products.schemas.ts';
import { createProduct } from './products.service.ts';

type DemoUnit = { name: string; factor: string; price?: string };
type DemoProduct = {
  code: string;
  name: string;
  spec?: string;
  unit: string;
  price: string | null;
  units?: DemoUnit[];
  inactive?: boolean;
};

/** Category path → products. Parents are created before children (the order of the keys). */
const CATALOGUE: Record<string, DemoProduct[]> = {
  办公用品: [],
  '办公用品/纸张': [
    {
      code: 'BG-A4-70',
      name: 'A4 复印纸',
      spec: '70g 500张/包',
      unit: '包',
      price: '22.00',
      units: [{ name: '箱', factor: '5', price: '105.00' }],
    },
    {
      code: 'BG-A3-80',
      name: 'A3 复印纸',
      spec: '80g 500张/包',
      unit: '包',
      price: '45.00',
      units: [{ name: '箱', factor: '5' }],
    },
  ],
  '办公用品/文具': [
    {
      code: 'WJ-PEN-05',
      name: '中性笔',
      spec: '0.5mm 黑色',
      unit: '支',
      price: '1.50',
      units: [
        { name: '盒', factor: '12', price: '16.00' },
        { name: '箱', factor: '600' },
      ],
    },
    {
      code: 'WJ-NB-A5',
      name: '笔记本',
      spec: 'A5 80页',
      unit: '本',
      price: '6.80',
      units: [{ name: '包', factor: '10' }],
    },
    { code: 'WJ-STP-01', name: '订书机', spec: '12号 可订20页', unit: '个', price: '28.00' },
  ],
  电脑及配件: [
    { code: 'PC-NB-14', name: '商务笔记本电脑', spec: '14英寸 i5/16G/512G', unit: '台', price: '4999.00' },
    {
      code: 'PC-NB-13',
      name: '商务笔记本电脑（旧款）',
      spec: '13.3英寸 i5/8G/256G',
      unit: '台',
      price: '3699.00',
      inactive: true,
    },
    {
      code: 'PC-MS-01',
      name: '无线鼠标',
      spec: '2.4G 静音',
      unit: '个',
      price: '69.00',
      units: [{ name: '箱', factor: '40' }],
    },
    {
      code: 'PC-CB-HDMI',
      name: 'HDMI 高清线',
      spec: '2米 4K',
      unit: '根',
      price: '25.00',
      units: [{ name: '包', factor: '10', price: '230.00' }],
    },
  ],
  茶水饮品: [
    {
      code: 'CS-TEA-01',
      name: '西湖龙井（散装）',
      spec: '明前 特级',
      unit: '斤',
      price: '680.00',
      // 1 kg = 2 斤, 1 两 = 0.1 斤: non-integer factors.
      units: [
        { name: 'kg', factor: '2' },
        { name: '两', factor: '0.1' },
      ],
    },
    {
      code: 'CS-WTR-550',
      name: '饮用天然水',
      spec: '550ml',
      unit: '瓶',
      price: '1.50',
      units: [{ name: '箱', factor: '24', price: '30.00' }],
    },
  ],
  软件服务: [
    { code: 'SW-CRM-STD', name: '汇客 CRM 标准版', spec: '按用户按年订阅', unit: '用户·年', price: '600.00' },
    { code: 'SW-IMPL-01', name: '实施服务', spec: '现场实施，按人天计', unit: '人天', price: null },
  ],
};

/**
 * The demo company's catalogue: a small category tree and a dozen products with extra units (箱 = 5 包, 1 kg = 2 斤),
 * one of them off sale, one without a list price. Created through the same services as the API (rules, audit).
 */
export async function seedDemoProducts(ctx: ProductContext): Promise<number> {
  const categoryIds = new Map<string, string>();
  let count = 0;
  for (const [path, items] of Object.entries(CATALOGUE)) {
    const parts = path.split('/');
    const name = parts.at(-1)!;
    const parentId = parts.length > 1 ? categoryIds.get(parts.slice(0, -1).join('/')) : undefined;
    const created = await createCategory(ctx, { name, parentId });
    categoryIds.set(path, created.id);
    for (const p of items) {
      const input = createProductBody.parse({
        code: p.code,
        name: p.name,
        categoryId: created.id,
        specification: p.spec,
        baseUnit: p.unit,
        price: p.price,
        status: p.inactive ? 'inactive' : 'active',
        units: p.units ?? [],
      });
      await createProduct(ctx, input);
      count++;
    }
  }
  return count;
}
