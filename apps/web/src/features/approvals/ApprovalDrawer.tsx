import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Input,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../ui/api.ts';
import { useI18n } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { type ApprovalActionType, type ApprovalInstance, useApproval, useApprovalAction } from './api.ts';
import { StatusTag } from './StatusTag.tsx';
import './messages.ts';

type Act = Exclude<ApprovalActionType, 'submit'>;
const DECISIONS: Act[] = ['approve', 'return', 'reject', 'withdraw', 'comment'];
const NEEDS_COMMENT: Act[] = ['reject', 'return', 'comment'];

/** One approval: the document, its route (Steps), its history (Timeline) and the actor's buttons. */
export function ApprovalDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const query = useApproval(id);
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={t('approvals.drawer.title')}
      size={phone ? '100%' : 640}
      destroyOnHidden
      data-testid="approval-drawer"
    >
      {query.isLoading ? (
        <Skeleton active />
      ) : query.data ? (
        <ApprovalDetail instance={query.data} />
      ) : (
        <Empty description={query.error?.message} />
      )}
    </Drawer>
  );
}

export function ApprovalDetail({ instance }: { instance: ApprovalInstance }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const act = useApprovalAction();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fmt = (at: string) => new Date(at).toLocaleString(lang);
  const name = (id: string) =>
    instance.steps.flatMap((s) => s.approvers).find((p) => p.id === id)?.name ?? instance.submitter.name;

  const run = (action: Act) => {
    if (NEEDS_COMMENT.includes(action) && !comment.trim()) {
      setError(t('approvals.comment.required'));
      return;
    }
    setError(null);
    act.mutate(
      { id: instance.id, action, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          setComment('');
          message.success(t('approvals.done'));
        },
        onError: (e) => {
          if (isApiError(e) && e.fields.comment) setError(e.fields.comment);
          else message.error(e.message);
        },
      },
    );
  };
  const buttons = DECISIONS.filter((a) => instance.actions.includes(a));
  const stepStatus = (s: ApprovalInstance['steps'][number]) =>
    s.state === 'done' ? 'finish' : s.state === 'current' ? 'process' : s.state === 'stopped' ? 'error' : 'wait';
  const fieldEntries = Object.entries(instance.fields ?? {});

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="approval-title">
            {instance.title}
          </Typography.Title>
          <StatusTag status={instance.status} />
        </Flex>
        <Typography.Text type="secondary">
          {pick(instance.documentLabel)} · {t('approvals.drawer.round', { round: instance.round })}
        </Typography.Text>
      </div>
      <Descriptions
        size="small"
        bordered
        column={1}
        title={t('approvals.drawer.fields')}
        items={[
          { key: 'submitter', label: t('approvals.drawer.submitter'), children: instance.submitter.name },
          ...(instance.branchName
            ? [{ key: 'branch', label: t('approvals.drawer.branch'), children: instance.branchName }]
            : []),
          ...fieldEntries.map(([k, v]) => ({
            key: `f-${k}`,
            label: t(`approvals.field.${k}`) === `approvals.field.${k}` ? k : t(`approvals.field.${k}`),
            children: typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v ?? '—'),
          })),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('approvals.drawer.route')}</Typography.Title>
        <Steps
          orientation="vertical"
          size="small"
          current={instance.currentStep}
          items={instance.steps.map((s) => {
            const approved = s.decisions.filter((d) => d.decision === 'approved').map((d) => name(d.userId));
            return {
              title: (
                <Space size={4} wrap>
                  <span>{s.name}</span>
                  {s.approvers.length > 1 && <Tag>{t(`approvals.mode.${s.mode}`)}</Tag>}
                </Space>
              ),
              status: stepStatus(s),
              content: (
                <div>
                  <div>{s.approvers.map((p) => p.name).join('、')}</div>
                  {approved.length > 0 && s.mode === 'all' && (
                    <Typography.Text type="secondary">
                      {t('approvals.step.approved_by', { names: approved.join('、') })}
                    </Typography.Text>
                  )}
                </div>
              ),
            };
          })}
        />
      </div>
      {(buttons.length > 0 || act.isPending) && (
        <div data-testid="approval-actions">
          {buttons.some((b) => b !== 'withdraw') && (
            <Input.TextArea
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setError(null);
              }}
              placeholder={t('approvals.comment.placeholder')}
              status={error ? 'error' : undefined}
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={1000}
              aria-label={t('approvals.comment')}
            />
          )}
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {buttons.map((a) => (
              <Button
                key={a}
                type={a === 'approve' ? 'primary' : 'default'}
                danger={a === 'reject'}
                loading={act.isPending && act.variables?.action === a}
                onClick={() => run(a)}
                data-testid={`approval-${a}`}
              >
                {t(`approvals.action.${a}`)}
              </Button>
            ))}
          </Flex>
        </div>
      )}
      <div>
        <Typography.Title level={5}>{t('approvals.drawer.history')}</Typography.Title>
        <Timeline
          items={instance.events
            .filter((e) => e.type !== 'step_started')
            .map((e) => ({
              key: e.id,
              color:
                e.type === 'rejected'
                  ? 'red'
                  : e.type === 'approved' || e.type === 'completed'
                    ? 'green'
                    : e.type === 'returned' || e.type === 'withdrawn'
                      ? 'orange'
                      : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{e.actor?.name ?? t('approvals.system')}</Typography.Text>{' '}
                  {t(`approvals.event.${e.type}`, { name: String(e.data.name ?? '') })}
                  <div>
                    <Typography.Text type="secondary">{fmt(e.at)}</Typography.Text>
                  </div>
                  {e.comment && <Typography.Paragraph style={{ margin: 0 }}>“{e.comment}”</Typography.Paragraph>}
                </div>
              ),
            }))}
        />
      </div>
    </Space>
  );
}
