import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { formatHistoryValue } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import { AUDIT_OBJECT_TYPES, type AuditEntry, type AuditFilter, listAudit, recordUrl } from './api.ts';
import './messages.ts';

const PAGE_SIZE = 50;

function labelOr(t: (k: string) => string, key: string, fallback: string) {
  const text = t(key);
  return text === key ? fallback : text;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const t = useT();
  if (!entry.changes.length) return <Typography.Text type="secondary">{t('audit.no_changes')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {entry.changes.map((c) => (
        <div key={c.field} style={{ wordBreak: 'break-all', fontSize: 13 }}>
          <Typography.Text type="secondary">{c.field}：</Typography.Text>
          <Typography.Text delete type="secondary">
            {formatHistoryValue(c.from, t)}
          </Typography.Text>
          {' → '}
          <Typography.Text>{formatHistoryValue(c.to, t)}</Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

/** 操作日志: the tenant's audit trail with filters and keyset "load more". */
export function AuditPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const [filter, setFilter] = useState<AuditFilter>({});
  const list = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => listAudit({ ...filter, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const typeLabel = (type: string) => labelOr(t, `audit.type.${type}`, type);
  const actionLabel = (action: string) => labelOr(t, `history.action.${action}`, action);

  const objectCell = (e: AuditEntry) => {
    const url = recordUrl(e.objectType, e.recordId);
    const text = (
      <>
        <Tag>{typeLabel(e.objectType)}</Tag>
        {e.recordId && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.recordId.slice(0, 8)}
          </Typography.Text>
        )}
      </>
    );
    return url ? <Link to={url}>{text}</Link> : text;
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.col.at'),
      width: 170,
      render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    { key: 'actor', title: t('audit.col.actor'), width: 110, render: (_, e) => e.actorName ?? t('history.system') },
    { key: 'action', title: t('audit.col.action'), width: 110, render: (_, e) => <Tag>{actionLabel(e.action)}</Tag> },
    { key: 'object', title: t('audit.col.object'), width: 170, render: (_, e) => objectCell(e) },
    { key: 'changes', title: t('audit.col.changes'), render: (_, e) => <Changes entry={e} /> },
  ];

  const half = isPhone ? 'calc(50% - 4px)' : 180;
  const filters = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder={t('audit.filter.type')}
        aria-label={t('audit.filter.type')}
        style={{ width: half }}
        value={filter.objectType}
        onChange={(objectType) => setFilter((f) => ({ ...f, objectType }))}
        options={AUDIT_OBJECT_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
        data-testid="audit-type"
      />
      <EmployeeSelect
        placeholder={t('audit.filter.actor')}
        aria-label={t('audit.filter.actor')}
        style={{ width: half }}
        value={filter.actorId ?? null}
        onChange={(actorId) => setFilter((f) => ({ ...f, actorId: actorId ?? undefined }))}
      />
      <DatePicker.RangePicker
        aria-label={t('audit.filter.dates')}
        style={{ width: isPhone ? '100%' : 260 }}
        onChange={(range) =>
          setFilter((f) => ({
            ...f,
            from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          }))
        }
      />
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={isPhone ? undefined : t('audit.subtitle')} />
      <Card size={isPhone ? 'small' : 'medium'}>
        {filters}
        {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <Flex vertical gap={8} data-testid="audit-cards">
            {list.isPending && <Card loading size="small" />}
            {!list.isPending && rows.length === 0 && <Empty description={t('audit.empty')} />}
            {rows.map((e) => (
              <Card key={e.id} size="small" data-testid="audit-row">
                <Flex justify="space-between" gap={8}>
                  <span>
                    <Typography.Text strong>{e.actorName ?? t('history.system')}</Typography.Text>{' '}
                    <Tag>{actionLabel(e.action)}</Tag>
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                    {dayjs(e.at).format('MM-DD HH:mm')}
                  </Typography.Text>
                </Flex>
                <div style={{ margin: '4px 0' }}>{objectCell(e)}</div>
                <Changes entry={e} />
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            size="middle"
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            onRow={() => ({ 'data-testid': 'audit-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
        <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('audit.count', { count: rows.length })}</Typography.Text>
          {list.hasNextPage ? (
            <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.load_more')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('common.no_more')}</Typography.Text>
          )}
        </Flex>
      </Card>
    </>
  );
}
