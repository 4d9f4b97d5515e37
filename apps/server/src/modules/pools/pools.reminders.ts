import { translate } from '../../platform/i18n/i18n.ts';
import { registerReminderSource } from '../reminders/index.ts';
import { planPoolRules } from './pools.apply.ts';
import { ruleReason } from './pools.customers.ts';

// The actor's own customers that a pool rule moves within its warning window (or is due to move today).
registerReminderSource({
  type: 'pool_move_due',
  label: { 'zh-CN': '即将转入公海', en: 'Moving to a pool soon' },
  list: async (tx, actor, now) => {
    const plans = await planPoolRules(tx, actor.tenantId, now, { onlyOwner: actor.userId });
    return plans.flatMap(({ pool, moves, warnings }) =>
      [...moves, ...warnings].map((h) => ({
        type: 'pool_move_due',
        title: translate(actor.locale, 'pools.reminder', {
          name: h.name,
          reason: ruleReason(actor.locale, h.rule, h.days),
          pool: pool.name,
        }),
        dueAt: h.dueAt,
        recordType: 'customer',
        recordId: h.customerId,
        url: `/customers/${h.customerId}`,
      })),
    );
  },
});
