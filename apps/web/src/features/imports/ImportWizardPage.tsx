import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Progress,
  Radio,
  Select,
  Space,
  Statistic,
  Steps,
  Switch,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../ui/api.ts';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import {
  getImport,
  type ImportJob,
  type ImportOptions,
  importFields,
  listPools,
  reportUrl,
  startImport,
  templateUrl,
  type UploadResult,
  uploadImport,
} from './api.ts';
import './messages.ts';

const DEFAULT_OPTIONS: ImportOptions = {
  cleaning: { trim: true, fullWidth: true, phones: true, emails: true },
  duplicateMode: 'skip',
  duplicateKeys: ['name', 'creditCode'],
};
const KEYS = ['name', 'phone', 'email', 'creditCode'] as const;

/** 导入客户: upload → map columns → options → progress and result (with the error report). */
export function ImportWizardPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<UploadResult | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [fields, setFields] = useState<{ value: string; label: string }[]>([]);
  const [pools, setPools] = useState<{ id: string; name: string }[]>([]);
  const [options, setOptions] = useState<ImportOptions>(DEFAULT_OPTIONS);
  const [target, setTarget] = useState<'owner' | 'pool'>('owner');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    importFields()
      .then((r) => setFields(r.items))
      .catch(() => {});
    listPools()
      .then((r) => setPools(r.items))
      .catch(() => {});
  }, []);

  // Progress: poll the job every second until it is done or failed.
  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      getImport(job.id)
        .then(setJob)
        .catch(() => {});
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const fail = (e: unknown) => message.error(isApiError(e) ? Object.values(e.fields)[0] || e.message : String(e));

  const onFile = async (file: File) => {
    setPercent(0);
    try {
      const res = await uploadImport(file, setPercent);
      setUpload(res);
      setMapping(res.suggestedMapping);
      setStep(1);
    } catch (e) {
      fail(e);
    } finally {
      setPercent(null);
    }
    return false;
  };

  const onStart = async () => {
    if (!upload) return;
    setBusy(true);
    try {
      const body = { ...options, ...(target === 'pool' ? {} : { poolId: undefined }) };
      setJob(await startImport(upload.id, mapping, body));
      setStep(3);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setStep(0);
    setUpload(null);
    setJob(null);
    setOptions(DEFAULT_OPTIONS);
    setTarget('owner');
  };

  const used = new Set(Object.values(mapping).filter(Boolean));
  const nameMapped = used.has('name');
  const steps = ['imports.step_upload', 'imports.step_mapping', 'imports.step_options', 'imports.step_result'];

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={
          <>
            <Button href={templateUrl('xlsx')}>{t('imports.template_xlsx')}</Button>
            <Button href={templateUrl('csv')}>{t('imports.template_csv')}</Button>
          </>
        }
      />
      <Steps current={step} items={steps.map((k) => ({ title: t(k) }))} style={{ marginBottom: 24 }} responsive />

      {step === 0 && (
        <Card>
          <Upload.Dragger accept=".csv,.xlsx" showUploadList={false} beforeUpload={onFile} disabled={percent !== null}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('imports.drop')}</p>
          </Upload.Dragger>
          {percent !== null && <Progress percent={percent} />}
        </Card>
      )}

      {step === 1 && upload && (
        <Card title={`${upload.fileName} · ${t('imports.rows', { count: upload.rowCount })}`}>
          <Table
            rowKey="header"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={upload.headers.map((header, i) => ({ header, sample: upload.sampleRows[0]?.[i] ?? '' }))}
            columns={[
              {
                title: t('imports.column'),
                dataIndex: 'header',
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
              },
              // Phones have no room for the sample value: the column and the field choice matter more.
              { title: t('imports.sample'), dataIndex: 'sample', ellipsis: true, responsive: ['sm'] },
              {
                title: t('imports.field'),
                key: 'field',
                render: (_, r) => (
                  <Select
                    style={{ width: 160 }}
                    value={mapping[r.header] ?? ''}
                    onChange={(v) => setMapping({ ...mapping, [r.header]: v || null })}
                    options={[
                      { value: '', label: t('imports.ignore') },
                      ...fields.map((f) => ({
                        ...f,
                        disabled: used.has(f.value) && mapping[r.header] !== f.value,
                      })),
                    ]}
                  />
                ),
              },
            ]}
          />
          {!nameMapped && (
            <Alert type="warning" showIcon message={t('imports.name_required')} style={{ marginTop: 12 }} />
          )}
          <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
            <Button onClick={reset}>{t('imports.back')}</Button>
            <Button type="primary" disabled={!nameMapped} onClick={() => setStep(2)}>
              {t('imports.next')}
            </Button>
          </Flex>
        </Card>
      )}

      {step === 2 && (
        <Card>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <div>
              <Typography.Title level={5}>{t('imports.cleaning')}</Typography.Title>
              <Flex gap={24} wrap>
                {(
                  [
                    ['trim', 'imports.clean_trim'],
                    ['fullWidth', 'imports.clean_width'],
                    ['phones', 'imports.clean_phones'],
                    ['emails', 'imports.clean_emails'],
                  ] as const
                ).map(([key, label]) => (
                  <Space key={key}>
                    <Switch
                      checked={options.cleaning[key]}
                      onChange={(v) => setOptions({ ...options, cleaning: { ...options.cleaning, [key]: v } })}
                    />
                    {t(label)}
                  </Space>
                ))}
              </Flex>
            </div>
            <div>
              <Typography.Title level={5}>{t('imports.duplicates')}</Typography.Title>
              <Radio.Group
                value={options.duplicateMode}
                onChange={(e) => setOptions({ ...options, duplicateMode: e.target.value })}
                options={(['skip', 'update', 'create'] as const).map((m) => ({
                  value: m,
                  label: t(`imports.mode_${m}`),
                }))}
              />
              <div style={{ marginTop: 8 }}>
                {t('imports.keys')}：
                <Checkbox.Group
                  value={options.duplicateKeys}
                  disabled={options.duplicateMode === 'create'}
                  onChange={(v) => setOptions({ ...options, duplicateKeys: v as ImportOptions['duplicateKeys'] })}
                  options={KEYS.map((k) => ({ value: k, label: t(`imports.key_${k}`) }))}
                />
              </div>
            </div>
            <div>
              <Typography.Title level={5}>{t('imports.target')}</Typography.Title>
              <Radio.Group
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                options={[
                  { value: 'owner', label: t('imports.target_owner') },
                  { value: 'pool', label: t('imports.target_pool'), disabled: !pools.length },
                ]}
              />
              {target === 'pool' && (
                <Select
                  style={{ minWidth: 200, marginLeft: 8 }}
                  placeholder={t('imports.pick_pool')}
                  value={options.poolId}
                  onChange={(poolId) => setOptions({ ...options, poolId })}
                  options={pools.map((p) => ({ value: p.id, label: p.name }))}
                />
              )}
            </div>
          </Space>
          <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>{t('imports.back')}</Button>
            <Button type="primary" loading={busy} disabled={target === 'pool' && !options.poolId} onClick={onStart}>
              {t('imports.start')}
            </Button>
          </Flex>
        </Card>
      )}

      {step === 3 && job && (
        <Card>
          <Typography.Title level={5}>
            {job.status === 'done'
              ? t('imports.done')
              : job.status === 'failed'
                ? t('imports.failed_job')
                : t('imports.running')}
          </Typography.Title>
          <Progress
            percent={job.rowCount ? Math.floor((job.processed / job.rowCount) * 100) : 0}
            status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
          />
          {job.error && <Alert type="error" showIcon message={job.error} style={{ marginTop: 12 }} />}
          <Flex gap={32} wrap style={{ margin: '16px 0' }}>
            <Statistic title={t('imports.created')} value={job.created} />
            <Statistic title={t('imports.updated')} value={job.updated} />
            <Statistic title={t('imports.skipped')} value={job.skipped} />
            <Statistic title={t('imports.failed')} value={job.failed} />
          </Flex>
          <Flex gap={8} wrap>
            {job.status === 'done' && job.failed + job.skipped > 0 && (
              <Button type="primary" href={reportUrl(job.id)}>
                {t('imports.report')}
              </Button>
            )}
            <Button onClick={reset}>{t('imports.again')}</Button>
            <Button onClick={() => navigate('/customers')}>{t('imports.to_list')}</Button>
          </Flex>
        </Card>
      )}
    </>
  );
}
