import { BellOutlined, CalendarOutlined, GiftOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../ui/api.ts';
import { useI18n } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import './messages.ts';

interface Reminder {
  type: string;
  title: string;
  dueAt: string | null;
  recordType: string;
  recordId: string;
  url: string | null;
}
interface Reminders {
  items: Reminder[];
  counts?: Record<string, number>;
  types?: { type: string; label: { 'zh-CN': string; en: string } }[];
}

const icon = (type: string) =>
  type.includes('birthday') ? (
    <GiftOutlined style={{ color: '#eb2f96' }} />
  ) : type.includes('pool') ? (
    <WarningOutlined style={{ color: '#fa8c16' }} />
  ) : (
    <CalendarOutlined style={{ color: '#1677ff' }} />
  );

/** The bell: follow-ups due, birthdays, pool warnings; each links to its record. */
export function ReminderBell() {
  const { t, pick } = useI18n();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const reminders = useQuery({
    queryKey: ['reminders'],
    queryFn: () => api<Reminders>('/api/v1/reminders'),
    refetchInterval: 5 * 60_000,
    retry: false,
  });
  const items = reminders.data?.items ?? [];
  const typeLabel = (type: string) => {
    const known = reminders.data?.types?.find((x) => x.type === type);
    if (known) return pick(known.label);
    const key = `reminders.type.${type}`;
    const text = t(key);
    return text === key ? type : text;
  };
  const go = (r: Reminder) => {
    setOpen(false);
    navigate(r.url ?? (r.recordType === 'customer' ? `/customers/${r.recordId}` : '/'));
  };
  const content = reminders.isError ? (
    <Empty description={t('reminders.unavailable')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
  ) : items.length === 0 ? (
    <Empty description={t('reminders.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
  ) : (
    <List
      size="small"
      dataSource={items}
      style={{ maxHeight: 400, overflow: 'auto' }}
      data-testid="reminder-list"
      renderItem={(r) => (
        <List.Item onClick={() => go(r)} style={{ cursor: 'pointer', paddingInline: 4 }}>
          <Flex gap={8} align="flex-start" style={{ width: '100%' }}>
            {icon(r.type)}
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>
                {r.title}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {typeLabel(r.type)}
                {r.dueAt && ` · ${dayjs(r.dueAt).format('MM-DD HH:mm')}`}
              </Typography.Text>
            </div>
          </Flex>
        </List.Item>
      )}
    />
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={t('reminders.title')}
      content={<div style={{ width: isPhone ? 280 : 340 }}>{content}</div>}
    >
      <Button type="text" aria-label={t('reminders.title')} data-testid="reminder-bell">
        <Badge count={items.length} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
