import { DeleteOutlined, EditOutlined, FilePdfOutlined, MailOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Dropdown, Flex, Popconfirm, Skeleton, Tabs, Typography } from 'antd';
import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { ApprovalPanel } from '../approvals/index.ts';
import { useCan } from '../auth/index.ts';
import {
  type QuoteStatus,
  quotePath,
  useDeleteQuote,
  useQuote,
  useQuoteSettings,
  useSendQuote,
  useSetQuoteStatus,
} from './api.ts';
import './messages.ts';
import { formatMoney } from './money.ts';
import { StatusTag } from './QuotesListPage.tsx';

/** What a user may set by hand from each status (the server checks the same). */
const nextStatuses: Record<QuoteStatus, QuoteStatus[]> = {
  draft: [],
  pending_approval: [],
  approved: ['draft'],
  sent: ['accepted', 'rejected', 'expired'],
  accepted: [],
  rejected: ['draft'],
  expired: ['draft'],
};

/** One quote: its figures, the print view (iframe), PDF download, e-mail to the contact, outcome, history. */
export function QuoteDetailPage() {
  const t = useT();
  const { id } = useParams();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const can = useCan();
  const { message } = App.useApp();
  const one = useQuote(id);
  const settings = useQuoteSettings();
  const send = useSendQuote();
  const setStatus = useSetQuoteStatus();
  const remove = useDeleteQuote();
  const frame = useRef<HTMLIFrameElement>(null);
  const q = one.data;

  if (one.isError) return <Alert type="error" showIcon title={one.error.message} />;
  if (!q) return <Skeleton active />;
  const writable = q.access === 'write' && can('quotes.edit');
  const printUrl = `${quotePath(q.id)}/print?v=${encodeURIComponent(q.updatedAt)}`;

  const doSend = () =>
    send.mutate(q.id, {
      onSuccess: (r) => message.success(t('quotes.sent_to', { email: r.to })),
      onError: (e) => message.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <span>{q.number}</span>
            <StatusTag q={q} />
          </Flex>
        }
        subtitle={q.title ?? undefined}
        extra={
          <>
            {writable && q.status === 'draft' && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/quotes/${q.id}/edit`)}>
                {t('common.edit')}
              </Button>
            )}
            {writable && ['draft', 'approved', 'sent'].includes(q.status) && (
              <Popconfirm
                title={t('quotes.send_confirm', { email: q.contactEmail ?? '—' })}
                onConfirm={doSend}
                disabled={!q.contactEmail}
              >
                <Button
                  icon={<MailOutlined />}
                  loading={send.isPending}
                  disabled={q.needsApproval && q.status === 'draft'}
                  onClick={() => {
                    if (!q.contactEmail) doSend();
                  }}
                >
                  {t('quotes.send')}
                </Button>
              </Popconfirm>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => frame.current?.contentWindow?.print()}>
              {t('quotes.print')}
            </Button>
            <Button icon={<FilePdfOutlined />} href={`${quotePath(q.id)}/pdf?download=1`}>
              {t('quotes.pdf')}
            </Button>
            {writable && nextStatuses[q.status].length > 0 && (
              <Dropdown
                menu={{
                  items: nextStatuses[q.status].map((s) => ({
                    key: s,
                    label: s === 'draft' ? t('quotes.reopen') : t(`quotes.status.${s}`),
                  })),
                  onClick: ({ key }) =>
                    setStatus.mutate(
                      { id: q.id, status: key as QuoteStatus },
                      { onError: (e) => message.error(errorMessage(e)) },
                    ),
                }}
              >
                <Button loading={setStatus.isPending}>{t('quotes.mark')}</Button>
              </Dropdown>
            )}
            {q.access === 'write' && can('quotes.delete') && q.status === 'draft' && (
              <Popconfirm
                title={t('common.confirm_delete', { name: q.number })}
                onConfirm={() =>
                  remove.mutate(q.id, {
                    onSuccess: () => {
                      message.success(t('common.deleted'));
                      navigate('/quotes');
                    },
                    onError: (e) => message.error(errorMessage(e)),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            )}
          </>
        }
      />
      {q.access === 'read' && <Alert type="info" showIcon title={t('quotes.read_only')} style={{ marginBottom: 12 }} />}
      {q.needsApproval && ['draft', 'pending_approval'].includes(q.status) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('quotes.needs_approval_hint', { threshold: Number(settings.data?.discountThreshold ?? 20) })}
        />
      )}
      {/* 报价折扣审批: submit, follow the route and decide here; the quote's status follows the decision. */}
      {(q.needsApproval || ['pending_approval', 'approved'].includes(q.status)) && (
        <div style={{ marginBottom: 12 }}>
          <ApprovalPanel type="quote_discount" id={q.id} onChange={() => one.refetch()} />
        </div>
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          column={isPhone ? 1 : 3}
          size="small"
          items={[
            {
              key: 'customer',
              label: t('quotes.field.customer'),
              children: <Link to={`/customers/${q.customerId}`}>{q.customerName}</Link>,
            },
            {
              key: 'contact',
              label: t('quotes.field.contact'),
              children: q.contactName ? `${q.contactName}${q.contactEmail ? ` <${q.contactEmail}>` : ''}` : '—',
            },
            { key: 'opp', label: t('quotes.field.opportunity'), children: q.opportunityName ?? '—' },
            { key: 'valid', label: t('quotes.field.validUntil'), children: q.validUntil },
            { key: 'owner', label: t('quotes.field.owner'), children: q.ownerName },
            { key: 'excl', label: t('quotes.totals.exclTax'), children: `¥${formatMoney(q.amountExclTax)}` },
            { key: 'tax', label: t('quotes.totals.tax'), children: `¥${formatMoney(q.taxTotal)}` },
            {
              key: 'total',
              label: t('quotes.totals.total'),
              children: <Typography.Text strong>¥{formatMoney(q.total)}</Typography.Text>,
            },
            { key: 'words', label: t('quotes.totals.words'), children: q.totalInWords },
          ]}
        />
      </Card>
      <Tabs
        items={[
          {
            key: 'print',
            label: t('quotes.print_view'),
            children: (
              <iframe
                ref={frame}
                title={t('quotes.print_view')}
                src={printUrl}
                style={{ width: '100%', height: isPhone ? 600 : 900, border: '1px solid #eee', background: '#fff' }}
              />
            ),
          },
          {
            key: 'history',
            label: t('common.history'),
            children: <RecordHistory path={quotePath(q.id)} />,
          },
        ]}
      />
    </>
  );
}
