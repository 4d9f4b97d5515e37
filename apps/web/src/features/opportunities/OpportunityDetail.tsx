import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Skeleton,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useI18n, useT } from '../../ui/i18n.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { OpportunityQuotes } from '../quotes/index.ts';
import {
  formatDuration,
  formatMoney,
  type Opportunity,
  opportunitiesPath,
  useDeleteOpportunity,
  useOpportunity,
  useStageHistory,
} from './api.ts';
import './messages.ts';

const kindColor = { open: 'processing', won: 'success', lost: 'error' } as const;

/** The detail view: fields, competitors, stage history with the time spent in each stage, and the change log. */
export function OpportunityDetail({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (o: Opportunity) => void;
}) {
  const t = useT();
  const { lang } = useI18n();
  const isPhone = useIsPhone();
  const can = useCan();
  const { message } = App.useApp();
  const one = useOpportunity(id);
  const history = useStageHistory(id);
  const remove = useDeleteOpportunity();
  const o = one.data;
  const total = (history.data?.byStage ?? []).reduce((n, s) => n + s.durationMs, 0) || 1;

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={o?.name ?? t('opportunities.detail')}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      extra={
        o?.access === 'write' && (
          <Flex gap={8}>
            {can('opportunities.edit') && (
              <Button icon={<EditOutlined />} onClick={() => onEdit(o)}>
                {t('common.edit')}
              </Button>
            )}
            {can('opportunities.delete') && (
              <Popconfirm
                title={t('common.confirm_delete', { name: o.name })}
                onConfirm={() =>
                  remove.mutate(o.id, {
                    onSuccess: () => {
                      message.success(t('common.deleted'));
                      onClose();
                    },
                    onError: (e) => message.error(e.message),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            )}
          </Flex>
        )
      }
    >
      {!o ? (
        one.isError ? (
          <Alert type="error" title={one.error.message} />
        ) : (
          <Skeleton active />
        )
      ) : (
        <Flex vertical gap={16}>
          {o.access === 'read' && <Alert type="info" title={t('opportunities.read_only')} showIcon />}
          <Descriptions
            column={isPhone ? 1 : 2}
            size="small"
            bordered
            items={[
              { key: 'customer', label: t('opportunities.field.customer'), children: o.customerName },
              { key: 'contact', label: t('opportunities.field.contact'), children: o.contactName ?? '—' },
              { key: 'type', label: t('opportunities.type'), children: o.typeName },
              {
                key: 'stage',
                label: t('opportunities.field.stage'),
                children: (
                  <Tag color={kindColor[o.stageKind]}>
                    {o.stageName} · {o.probability}%
                  </Tag>
                ),
              },
              { key: 'amount', label: t('opportunities.field.amount'), children: `¥${formatMoney(o.amount)}` },
              {
                key: 'date',
                label: t('opportunities.field.expectedCloseDate'),
                children: o.expectedCloseDate,
              },
              { key: 'owner', label: t('opportunities.field.owner'), children: o.ownerName },
              ...(o.lossReason
                ? [{ key: 'loss', label: t('opportunities.field.lossReason'), children: o.lossReason }]
                : []),
              ...(o.notes ? [{ key: 'notes', label: t('opportunities.field.notes'), children: o.notes, span: 2 }] : []),
            ]}
          />
          <Tabs
            items={[
              {
                key: 'stages',
                label: t('opportunities.stage_history'),
                children: history.isLoading ? (
                  <Skeleton active />
                ) : (
                  <Flex vertical gap={16}>
                    <div>
                      <Typography.Text strong>{t('opportunities.time_in_stage')}</Typography.Text>
                      {(history.data?.byStage ?? []).map((s) => (
                        <Flex key={s.stageId} align="center" gap={8}>
                          <span style={{ width: 88, flexShrink: 0 }}>{s.stageName}</span>
                          <Progress
                            percent={Math.round((s.durationMs / total) * 100)}
                            showInfo={false}
                            style={{ flex: 1, margin: 0 }}
                          />
                          <span style={{ width: 110, textAlign: 'right', flexShrink: 0 }}>
                            {formatDuration(s.durationMs, lang)}
                          </span>
                        </Flex>
                      ))}
                    </div>
                    <Timeline
                      items={[...(history.data?.items ?? [])].reverse().map((h) => ({
                        key: h.id,
                        content: (
                          <div>
                            <div>
                              {h.fromStageName ? `${h.fromStageName} → ` : ''}
                              <b>{h.toStageName}</b>
                              {!h.leftAt && <Tag style={{ marginLeft: 8 }}>{t('opportunities.current_stage')}</Tag>}
                            </div>
                            <Typography.Text type="secondary">
                              {dayjs(h.changedAt).format('YYYY-MM-DD HH:mm')} · {h.changedByName} ·{' '}
                              {formatDuration(h.durationMs, lang)}
                            </Typography.Text>
                          </div>
                        ),
                      }))}
                    />
                  </Flex>
                ),
              },
              ...(can('quotes.view')
                ? [
                    {
                      key: 'quotes',
                      label: t('quotes.title'),
                      children: <OpportunityQuotes opportunityId={o.id} customerId={o.customerId} />,
                    },
                  ]
                : []),
              {
                key: 'competitors',
                label: `${t('opportunities.field.competitors')} (${o.competitors.length})`,
                children: o.competitors.length ? (
                  <Flex vertical gap={12}>
                    {o.competitors.map((c) => (
                      <div key={c.id}>
                        <Typography.Text strong>{c.name}</Typography.Text>
                        <div>
                          <Tag color="green">{t('opportunities.strengths')}</Tag>
                          {c.strengths ?? '—'}
                        </div>
                        <div>
                          <Tag color="red">{t('opportunities.weaknesses')}</Tag>
                          {c.weaknesses ?? '—'}
                        </div>
                      </div>
                    ))}
                  </Flex>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ),
              },
              {
                key: 'history',
                label: t('common.history'),
                children: <RecordHistory path={`${opportunitiesPath}/${o.id}/history`} />,
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
