// The audit trail shows actions by name (history.action.<action> in the web app's dictionaries): every action a
// route declares must read as words in zh-CN and en, on the audit page and on a customer's history tab.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../index.ts';

const WEB = path.resolve(import.meta.dirname, '../../../../web/src');
const LABEL = /'history\.action\.([a-z_]+)':\s*\{\s*'zh-CN':\s*(['"])(.+?)\2,\s*en:\s*(['"])(.+?)\4\s*\}/g;

/** action → labels, from the given message files (paths under apps/web/src). */
function labels(files: string[]): Map<string, { zh: string; en: string }> {
  const out = new Map<string, { zh: string; en: string }>();
  for (const file of files) {
    const text = readFileSync(path.join(WEB, file), 'utf8');
    for (const m of text.matchAll(LABEL)) out.set(m[1]!, { zh: m[3]!, en: m[5]! });
  }
  return out;
}

const declared = [...new Set(allRoutes.flatMap((r) => (r.audit ? [r.audit.action] : [])))].sort();
const missing = (known: Map<string, unknown>, actions: string[]) => actions.filter((a) => !known.has(a));

describe('audit action labels', () => {
  it('finds the dictionaries and the declared actions', () => {
    expect(declared).toEqual(expect.arrayContaining(['create', 'update', 'delete', 'set_parent']));
    expect(labels(['ui/messages.ts']).get('update')).toEqual({ zh: '修改', en: 'updated' });
  });

  it('labels every action a route declares on the audit page (ui + audit messages)', () => {
    const features = readdirSync(path.join(WEB, 'features')).map((f) => `features/${f}/messages.ts`);
    const all = labels(['ui/messages.ts', ...features.filter((f) => f.includes('/audit/'))]);
    expect(missing(all, declared)).toEqual([]);
  });

  it('labels the customer’s own actions on its history tab (ui + customers messages and what they import)', () => {
    const customers = readFileSync(path.join(WEB, 'features/customers/messages.ts'), 'utf8');
    const imported = [...customers.matchAll(/import '\.\.\/([a-z]+)\/messages\.ts'/g)].map(
      (m) => `features/${m[1]}/messages.ts`,
    );
    const known = labels(['ui/messages.ts', 'features/customers/messages.ts', ...imported]);
    const customerActions = allRoutes.flatMap((r) => (r.audit?.objectType === 'customer' ? [r.audit.action] : []));
    expect(customerActions).toContain('set_parent');
    expect(missing(known, customerActions)).toEqual([]);
    expect(known.get('set_parent')).toEqual({ zh: '设置母公司', en: 'set the parent company' });
  });
});
