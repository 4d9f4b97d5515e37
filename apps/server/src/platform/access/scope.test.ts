import { describe, expect, it } from 'vitest';
import type { DataScope } from '../../modules/roles/roles.table.ts';
import {
  departmentSubtree,
  type OrgSnapshot,
  subordinatesOf,
  type Visible,
  visibleOwners,
  wouldCreateSupervisorCycle,
} from './scope.ts';
import { departmentsAbove } from './visibility.ts';

type User = OrgSnapshot['users'][number];
type Department = OrgSnapshot['departments'][number];

const user = (id: string, departmentId: string, supervisorId: string | null = null): User => ({
  id,
  departmentId,
  supervisorId,
});
const dept = (id: string, parentId: string | null, headUserId: string | null = null): Department => ({
  id,
  parentId,
  headUserId,
});
const sorted = (v: Visible) => (v === 'all' ? 'all' : [...v].sort());
const see = (org: OrgSnapshot, who: User, scopes: DataScope[]) =>
  sorted(visibleOwners(org, { userId: who.id, departmentId: who.departmentId }, scopes));

/*
 * 全公司 root
 * ├─ sales 销售部 (head: mgr)
 * │  ├─ east 华东组
 * │  └─ west 华西组
 * ├─ service 客服部
 * └─ sub 子公司 (subsidiary)
 *    └─ subBranch 分支机构
 */
const departments = [
  dept('root', null, 'boss'),
  dept('sales', 'root', 'mgr'),
  dept('east', 'sales'),
  dept('west', 'sales'),
  dept('service', 'root'),
  dept('sub', 'root', 'subBoss'),
  dept('subBranch', 'sub'),
];
const users = [
  user('boss', 'root'),
  user('mgr', 'sales', 'boss'),
  user('eastLead', 'east', 'mgr'),
  user('east1', 'east', 'eastLead'),
  user('east2', 'east', 'eastLead'),
  user('west1', 'west', 'mgr'),
  user('cs', 'service', 'boss'),
  user('subBoss', 'sub', 'boss'),
  user('subRep', 'subBranch', 'subBoss'),
];
const org: OrgSnapshot = { users, departments };
const byId = (id: string) => users.find((u) => u.id === id)!;

describe('visibleOwners', () => {
  it('sees nothing without a scope and only themselves with "own"', () => {
    expect(see(org, byId('east1'), [])).toEqual([]);
    expect(see(org, byId('east1'), ['own'])).toEqual(['east1']);
  });

  it('"all" wins over anything else', () => {
    expect(see(org, byId('east1'), ['own', 'all'])).toBe('all');
  });

  it('follows the whole supervisor chain, not just direct reports', () => {
    expect(see(org, byId('mgr'), ['subordinates'])).toEqual(['east1', 'east2', 'eastLead', 'mgr', 'west1']);
    expect(see(org, byId('eastLead'), ['subordinates'])).toEqual(['east1', 'east2', 'eastLead']);
  });

  it('walks very deep chains without recursion limits', () => {
    const chain: User[] = [user('u0', 'root')];
    for (let i = 1; i < 20_000; i++) chain.push(user(`u${i}`, 'root', `u${i - 1}`));
    const deep: OrgSnapshot = { users: chain, departments };
    const visible = visibleOwners(deep, { userId: 'u0', departmentId: 'root' }, ['subordinates']);
    expect(visible !== 'all' && visible.size).toBe(20_000);
    expect(subordinatesOf(deep, 'u19998')).toEqual(new Set(['u19999']));
  });

  it('handles very wide trees (hundreds of thousands of direct reports) without overflowing', () => {
    const wide: User[] = [user('top', 'root'), user('mid', 'root', 'top')];
    for (let i = 0; i < 300_000; i++) wide.push(user(`w${i}`, 'root', 'mid'));
    expect(subordinatesOf({ users: wide, departments }, 'top').size).toBe(300_001);
    const flatDepartments = [dept('hub', null)];
    for (let i = 0; i < 200_000; i++) flatDepartments.push(dept(`d${i}`, 'hub'));
    expect(departmentSubtree({ users: [], departments: flatDepartments }, ['hub']).size).toBe(200_001);
  });

  it('survives supervisor cycles left by bad data', () => {
    const cyclic: OrgSnapshot = {
      departments,
      users: [user('a', 'root', 'c'), user('b', 'root', 'a'), user('c', 'root', 'b'), user('d', 'root', 'd')],
    };
    expect(see(cyclic, cyclic.users[0]!, ['subordinates'])).toEqual(['a', 'b', 'c']);
    expect(see(cyclic, cyclic.users[3]!, ['subordinates'])).toEqual(['d']);
  });

  it('survives department cycles left by bad data', () => {
    const cyclic: OrgSnapshot = {
      departments: [dept('x', 'y'), dept('y', 'x'), dept('z', 'z')],
      users: [user('a', 'x'), user('b', 'y'), user('c', 'z')],
    };
    expect(see(cyclic, cyclic.users[0]!, ['department_tree'])).toEqual(['a', 'b']);
    expect(see(cyclic, cyclic.users[2]!, ['department_tree'])).toEqual(['c']);
    expect(departmentsAbove(cyclic, 'x').sort()).toEqual(['x', 'y']);
  });

  it('keeps a disabled supervisor in the chain (the snapshot holds every employee)', () => {
    // eastLead left the company; their reports still roll up to mgr through them.
    expect(see(org, byId('mgr'), ['subordinates'])).toContain('east1');
  });

  it('"department" is the main department only, "department_tree" adds every department below', () => {
    expect(see(org, byId('east1'), ['department'])).toEqual(['east1', 'east2', 'eastLead']);
    expect(see(org, byId('east1'), ['department_tree'])).toEqual(['east1', 'east2', 'eastLead']);
    // mgr heads sales; department covers the headed department itself, not its groups.
    expect(see(org, byId('mgr'), ['department'])).toEqual(['mgr']);
    expect(see(org, byId('mgr'), ['department_tree'])).toEqual(['east1', 'east2', 'eastLead', 'mgr', 'west1']);
  });

  it('lets a department head see the departments they head, even outside their main department', () => {
    const headOfService: OrgSnapshot = {
      users: [...users, user('cs2', 'service', 'cs')],
      departments: departments.map((d) => (d.id === 'service' ? { ...d, headUserId: 'west1' } : d)),
    };
    const west1 = headOfService.users.find((u) => u.id === 'west1')!;
    expect(see(headOfService, west1, ['department'])).toEqual(['cs', 'cs2', 'west1']);
    expect(see(headOfService, west1, ['own'])).toEqual(['west1']);
  });

  it('lets a parent company node see its subsidiaries and their branches, never the other way round', () => {
    expect(see(org, byId('boss'), ['department_tree'])).toEqual(users.map((u) => u.id).sort());
    expect(see(org, byId('subBoss'), ['department_tree'])).toEqual(['subBoss', 'subRep']);
    expect(see(org, byId('subRep'), ['department_tree'])).toEqual(['subRep']);
  });

  it('takes the union of several roles', () => {
    // e.g. 销售人员 (own) + 客服主管 (department) + 项目 role (subordinates)
    expect(see(org, byId('eastLead'), ['own', 'department'])).toEqual(['east1', 'east2', 'eastLead']);
    expect(see(org, byId('mgr'), ['department', 'subordinates'])).toEqual([
      'east1',
      'east2',
      'eastLead',
      'mgr',
      'west1',
    ]);
    const mixed = { ...byId('cs'), supervisorId: 'boss' };
    const withReport: OrgSnapshot = { departments, users: [...users, user('intern', 'sales', 'cs')] };
    expect(see(withReport, mixed, ['subordinates', 'department'])).toEqual(['cs', 'intern']);
  });

  it('follows a moved department: the old parent no longer sees it, the new parent does', () => {
    const moved: OrgSnapshot = {
      users,
      departments: departments.map((d) => (d.id === 'east' ? { ...d, parentId: 'service' } : d)),
    };
    expect(see(moved, byId('mgr'), ['department_tree'])).toEqual(['mgr', 'west1']);
    expect(see(moved, byId('cs'), ['department_tree'])).toEqual(['cs', 'east1', 'east2', 'eastLead']);
    // The supervisor chain does not depend on departments: mgr still sees the people reporting to them.
    expect(see(moved, byId('mgr'), ['subordinates'])).toContain('east1');
  });

  it('keeps each department scope to its own tree when a user moves department', () => {
    const movedUser: OrgSnapshot = {
      departments,
      users: users.map((u) => (u.id === 'east2' ? { ...u, departmentId: 'west' } : u)),
    };
    expect(see(movedUser, byId('eastLead'), ['department'])).toEqual(['east1', 'eastLead']);
    expect(see(movedUser, byId('west1'), ['department'])).toEqual(['east2', 'west1']);
  });
});

describe('departmentSubtree and departmentsAbove', () => {
  it('lists a subtree including subsidiaries and branches', () => {
    expect([...departmentSubtree(org, ['sub'])].sort()).toEqual(['sub', 'subBranch']);
    expect(departmentSubtree(org, ['root']).size).toBe(departments.length);
  });

  it('lists the departments above, nearest first, for department shares', () => {
    expect(departmentsAbove(org, 'east')).toEqual(['east', 'sales', 'root']);
    expect(departmentsAbove(org, 'unknown')).toEqual(['unknown']);
  });
});

describe('wouldCreateSupervisorCycle', () => {
  it('refuses self and anyone below, allows peers and people above', () => {
    expect(wouldCreateSupervisorCycle(org, 'mgr', 'mgr')).toBe(true);
    expect(wouldCreateSupervisorCycle(org, 'mgr', 'east1')).toBe(true);
    expect(wouldCreateSupervisorCycle(org, 'east1', 'west1')).toBe(false);
    expect(wouldCreateSupervisorCycle(org, 'east1', 'boss')).toBe(false);
  });
});
