import { defineMessages } from '../../ui/i18n.tsx';

defineMessages({
  'reminders.title': { 'zh-CN': '提醒', en: 'Reminders' },
  'reminders.empty': { 'zh-CN': '暂无提醒', en: 'Nothing to remind you of' },
  'reminders.unavailable': { 'zh-CN': '提醒服务暂未开放', en: 'Reminders are not available yet' },
  'reminders.type.follow_up': { 'zh-CN': '待跟进', en: 'Follow-up due' },
  'reminders.type.followup': { 'zh-CN': '待跟进', en: 'Follow-up due' },
  'reminders.type.birthday': { 'zh-CN': '生日', en: 'Birthday' },
  'reminders.type.pool_warning': { 'zh-CN': '即将移入公海', en: 'Moving to pool' },
  'reminders.type.pool': { 'zh-CN': '即将移入公海', en: 'Moving to pool' },
  'search.placeholder': { 'zh-CN': '搜索客户、联系人…', en: 'Search customers, contacts…' },
  'search.empty': { 'zh-CN': '没有找到“{q}”', en: 'Nothing found for "{q}"' },
  'search.unavailable': { 'zh-CN': '全局搜索暂未开放', en: 'Search is not available yet' },
  'search.type.customer': { 'zh-CN': '客户', en: 'Customers' },
  'search.type.contact': { 'zh-CN': '联系人', en: 'Contacts' },
  'search.open': { 'zh-CN': '搜索', en: 'Search' },
});
