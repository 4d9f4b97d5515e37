export { type Reminder, type ReminderSource, registerReminderSource } from './reminders.registry.ts';
export { reminderRoutes } from './reminders.routes.ts';
