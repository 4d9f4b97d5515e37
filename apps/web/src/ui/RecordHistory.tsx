import { ClockCircleOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { api, type Page } from './api.ts';
import { type TFunction, useT } from './i18n.tsx';

export interface HistoryChange {
  field: string;
  from: unknown;
  to: unknown;
}
export interface HistoryEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  changes: HistoryChange[];
}

interface Props {
  /** The record's API path, e.g. /api/v1/employees/<id>; the component reads <path>/history. */
  path: string;
  /** Display names of fields; unknown fields show their key. */
  fieldLabels?: Record<string, string>;
  /** Format a value of a given field (e.g. an id into a name); return undefined to use the default. */
  formatValue?: (field: string, value: unknown) => ReactNode | undefined;
}

export function formatHistoryValue(value: unknown, t: TFunction): ReactNode {
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">{t('common.empty_value')}</Typography.Text>;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Who changed which field of one record, when (操作记录): GET <path>/history, newest first. */
export function RecordHistory({ path, fieldLabels = {}, formatValue }: Props) {
  const t = useT();
  const query = useInfiniteQuery({
    queryKey: ['history', path],
    queryFn: ({ pageParam }) =>
      api<Page<HistoryEntry>>(`${path}/history`, { query: { limit: 20, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  if (query.isPending) return <Skeleton active />;
  if (query.isError)
    return <Alert type="error" showIcon title={t('common.load_failed')} description={query.error.message} />;
  const entries = query.data.pages.flatMap((p) => p.items);
  if (!entries.length) return <Empty description={t('history.empty')} />;

  const show = (field: string, value: unknown) => formatValue?.(field, value) ?? formatHistoryValue(value, t);
  const actionLabel = (action: string) => {
    const key = `history.action.${action}`;
    const label = t(key);
    return label === key ? action : label;
  };

  return (
    <div data-testid="record-history">
      <Timeline
        items={entries.map((e) => ({
          key: e.id,
          icon: <ClockCircleOutlined />,
          title: <Typography.Text type="secondary">{dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}</Typography.Text>,
          content: (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <span>
                <Typography.Text strong>{e.actorName ?? t('history.system')}</Typography.Text>{' '}
                <Tag>{actionLabel(e.action)}</Tag>
              </span>
              {e.changes.map((c) => (
                <div key={c.field} style={{ wordBreak: 'break-all' }}>
                  <Typography.Text type="secondary">{fieldLabels[c.field] ?? c.field}：</Typography.Text>
                  <Typography.Text delete type="secondary">
                    {show(c.field, c.from)}
                  </Typography.Text>
                  {' → '}
                  <Typography.Text>{show(c.field, c.to)}</Typography.Text>
                </div>
              ))}
            </Space>
          ),
        }))}
      />
      {query.hasNextPage && (
        <Button block onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.load_more')}
        </Button>
      )}
    </div>
  );
}
