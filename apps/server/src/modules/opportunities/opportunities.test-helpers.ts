// Test support for the opportunities tests: a business type and quick ways to make opportunities.
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';

export const typesBase = '/api/v1/opportunity-types';
export const base = '/api/v1/opportunities';

export interface TypeFixture {
  id: string;
  stages: { id: string; name: string; kind: string; probability: number }[];
  /** Stage id by name. */
  stage: (name: string) => string;
}

/** 标准销售流程 as an administrator creates it. */
export async function standardType(t: TestApp, adminToken: string, name = '标准销售流程'): Promise<TypeFixture> {
  const res = await t.request('POST', typesBase, {
    token: adminToken,
    body: {
      name,
      stages: [
        { name: '初步接洽', probability: 10 },
        { name: '需求确认', probability: 30 },
        { name: '方案报价', probability: 50 },
        { name: '谈判审核', probability: 70 },
      ],
      lossReasons: ['价格太高', '选择了竞争对手', '需求取消'],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return fixture(res.body);
}

export function fixture(body: { id: string; stages: TypeFixture['stages'] }): TypeFixture {
  return {
    id: body.id,
    stages: body.stages,
    stage: (n) => {
      const s = body.stages.find((x) => x.name === n);
      if (!s) throw new Error(`no stage ${n}`);
      return s.id;
    },
  };
}

let seq = 0;
/** Create an opportunity through the API and return its body. */
export async function addOpportunity(
  t: TestApp,
  token: string,
  body: { customerId: string; typeId: string } & Record<string, unknown>,
) {
  const res = await t.request('POST', base, {
    token,
    body: { name: `商机${++seq}`, amount: '10000.00', expectedCloseDate: '2026-12-31', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
