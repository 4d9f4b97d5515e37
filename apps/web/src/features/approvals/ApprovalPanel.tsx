import { App, Button, Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../ui/i18n.tsx';
import { ApprovalDrawer } from './ApprovalDrawer.tsx';
import { type DocumentType, useDocumentApproval, useSubmitDocument } from './api.ts';
import { StatusTag } from './StatusTag.tsx';
import './messages.ts';

/**
 * For document pages (quotes, contracts, …): the document's approval status, who it waits on, a submit button
 * when the user may submit, and the full approval in a drawer.
 */
export function ApprovalPanel({ type, id, onChange }: { type: DocumentType; id: string; onChange?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const query = useDocumentApproval(type, id);
  const submit = useSubmitDocument();
  const [open, setOpen] = useState<string | null>(null);
  const data = query.data;
  const instance = data?.instance ?? null;
  const status = instance?.status ?? 'none';
  const resubmit = instance && status !== 'rejected';

  return (
    <Card size="small" title={t('approvals.panel.title')} loading={query.isLoading} data-testid="approval-panel">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space orientation="vertical" size={2}>
          <StatusTag status={status} />
          {instance && instance.awaiting.length > 0 && (
            <Typography.Text type="secondary">
              {t('approvals.panel.awaiting', { names: instance.awaiting.map((p) => p.name).join('、') })}
            </Typography.Text>
          )}
          {data && !data.flowEnabled && !instance && (
            <Typography.Text type="secondary">{t('approvals.panel.no_flow')}</Typography.Text>
          )}
        </Space>
        <Space wrap>
          {instance && <Button onClick={() => setOpen(instance.id)}>{t('approvals.panel.view')}</Button>}
          {data?.canSubmit && (
            <Button
              type="primary"
              loading={submit.isPending}
              data-testid="approval-submit"
              onClick={() =>
                submit.mutate(
                  { type, id },
                  {
                    onSuccess: () => {
                      message.success(t('approvals.submitted'));
                      onChange?.();
                    },
                    onError: (e) => message.error(e.message),
                  },
                )
              }
            >
              {t(resubmit ? 'approvals.action.resubmit' : 'approvals.action.submit')}
            </Button>
          )}
        </Space>
      </Flex>
      <ApprovalDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
