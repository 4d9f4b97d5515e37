import { registerReminderSource } from '../reminders/index.ts';
import { decidedFor, pendingFor } from './approvals.service.ts';

const LIMIT = 200;
const DAY_MS = 86_400_000;
const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

// Approvals waiting on the actor (待我审批): due since the step reached them.
registerReminderSource({
  type: 'approval_pending',
  label: { 'zh-CN': '待我审批', en: 'Approvals waiting on me' },
  list: async (tx, actor) =>
    (await pendingFor(tx, actor, LIMIT)).map((r) => ({
      type: 'approval_pending',
      title: r.title,
      dueAt: asDate(r.updatedAt),
      recordType: 'approval',
      recordId: r.id,
      url: `/approvals?open=${r.id}`,
    })),
});

// Decisions on what the actor submitted (approved, rejected, returned) within the look-ahead window, looking back.
registerReminderSource({
  type: 'approval_decided',
  label: { 'zh-CN': '审批结果', en: 'Approval decisions' },
  list: async (tx, actor, now, options) =>
    (await decidedFor(tx, actor, new Date(now.getTime() - Math.max(options.days, 1) * DAY_MS), LIMIT)).map((r) => ({
      type: 'approval_decided',
      title: r.title,
      dueAt: asDate(r.updatedAt),
      recordType: 'approval',
      recordId: r.id,
      url: `/approvals?tab=mine&open=${r.id}`,
    })),
});
