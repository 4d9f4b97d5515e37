import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Popconfirm, Result, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RecordHistory } from '../../ui/RecordHistory.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { claimLead, deleteLead, leadsPath, returnLead, useInvalidateLeads, useLead } from './api.ts';
import { ConvertModal } from './ConvertModal.tsx';
import { LeadDrawer } from './LeadDrawer.tsx';
import { StatusTag } from './LeadsListPage.tsx';
import './messages.ts';

const FIELDS = [
  'companyName',
  'contactName',
  'title',
  'mobile',
  'phone',
  'email',
  'address',
  'source',
  'status',
  'invalidReason',
  'notes',
  'nextContactAt',
  'returnReason',
] as const;

/** 线索详情: the lead's fields, its actions (edit, claim, return, convert, delete) and its history. */
export function LeadDetailPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const lead = useLead(id);
  const invalidate = useInvalidateLeads();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');

  if (lead.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (lead.isError)
    return (
      <Result
        status="404"
        title={lead.error.message}
        extra={<Link to="/leads">{t('leads.back')}</Link>}
        data-testid="lead-not-found"
      />
    );
  const l = lead.data;
  const converted = l.status === 'converted';
  const inPool = l.ownerId === null;
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      invalidate();
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };
  const dateOf = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
  const labels = {
    ...Object.fromEntries(FIELDS.map((f) => [f, t(`leads.field.${f}`)])),
    ownerId: t('leads.field.owner'),
    ...Object.fromEntries(
      ['convertedAt', 'convertedCustomerId', 'convertedContactId', 'convertedOpportunityId', 'convertedBy'].map((f) => [
        f,
        t(`leads.field.${f}`),
      ]),
    ),
  };
  const formatValue = (field: string, value: unknown) => {
    if (field === 'status' && typeof value === 'string') return t(`leads.status.${value}`);
    if ((field === 'nextContactAt' || field === 'convertedAt') && typeof value === 'string') return dateOf(value);
    // Ids of people: the current owner is known by name here; others stay as they were recorded.
    if ((field === 'ownerId' || field === 'convertedBy') && value && value === l.ownerId) return l.ownerName;
    return undefined;
  };

  const actions = (
    <Space wrap>
      {inPool && can('leads.claim') && (
        <Button type="primary" onClick={() => run(() => claimLead(l.id), t('leads.claimed'))}>
          {t('leads.claim')}
        </Button>
      )}
      {!converted && !inPool && can('leads.convert') && (
        <Button type="primary" onClick={() => setConverting(true)} data-testid="lead-convert">
          {t('leads.convert')}
        </Button>
      )}
      {!converted && can('leads.edit') && (!inPool || can('leads.assign')) && (
        <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
      )}
      {!converted && !inPool && can('leads.edit') && (
        <Button onClick={() => setReturning(true)}>{t('leads.return')}</Button>
      )}
      {!converted && can('leads.delete') && (
        <Popconfirm
          title={t('common.confirm_delete', { name: l.companyName })}
          onConfirm={() => run(() => deleteLead(l.id), t('common.deleted')).then((ok) => ok && navigate('/leads'))}
        >
          <Button danger>{t('common.delete')}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <Link to="/leads" aria-label={t('leads.back')}>
              <ArrowLeftOutlined />
            </Link>
            {l.companyName}
            <StatusTag status={l.status} t={t} />
          </Flex>
        }
        extra={isPhone ? undefined : actions}
      />
      {isPhone && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {converted && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('leads.converted_readonly')} · ${t('leads.field.convertedAt')} ${dateOf(l.convertedAt)}`}
          action={
            l.convertedCustomerId && <Link to={`/customers/${l.convertedCustomerId}`}>{t('leads.open_customer')}</Link>
          }
        />
      )}
      <Card size={isPhone ? 'small' : 'medium'} style={{ marginBottom: 12 }}>
        <Descriptions column={isPhone ? 1 : 2} size="small" data-testid="lead-details">
          <Descriptions.Item label={t('leads.field.contactName')}>
            {[l.contactName, l.title].filter(Boolean).join(' · ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('leads.field.owner')}>{l.ownerName ?? t('leads.in_pool')}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.mobile')}>{l.mobile ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.phone')}>{l.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.email')}>{l.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.source')}>{l.source ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.address')}>{l.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.nextContactAt')}>{dateOf(l.nextContactAt)}</Descriptions.Item>
          {l.status === 'invalid' && (
            <Descriptions.Item label={t('leads.field.invalidReason')}>{l.invalidReason}</Descriptions.Item>
          )}
          {l.returnReason && (
            <Descriptions.Item label={t('leads.field.returnReason')}>
              {l.returnReason}（{dateOf(l.returnedAt)}）
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('leads.field.createdAt')}>{dateOf(l.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('leads.field.notes')} span={isPhone ? 1 : 2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{l.notes ?? '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size={isPhone ? 'small' : 'medium'} title={t('common.history')}>
        <RecordHistory path={`${leadsPath}/${l.id}`} fieldLabels={labels} formatValue={formatValue} />
      </Card>
      <LeadDrawer open={editing} lead={l} onClose={() => setEditing(false)} />
      <ConvertModal lead={converting ? l : null} onClose={() => setConverting(false)} />
      <Modal
        open={returning}
        title={t('leads.return')}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setReturning(false)}
        onOk={() =>
          run(() => returnLead(l.id, reason.trim()), t('leads.returned')).then((ok) => ok && setReturning(false))
        }
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder={t('leads.return_reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
