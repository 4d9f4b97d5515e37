import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useCan } from '../auth/index.ts';
import { getSettings, SETTINGS_KEY, type Settings, updateSettings } from './api.ts';
import { LogoUpload } from './LogoUpload.tsx';
import './messages.ts';
import { SharingDefaults } from './SharingDefaults.tsx';

const CURRENCIES = [
  { value: 'CNY', label: 'CNY 人民币' },
  { value: 'HKD', label: 'HKD 港币' },
  { value: 'USD', label: 'USD 美元' },
  { value: 'EUR', label: 'EUR 欧元' },
  { value: 'JPY', label: 'JPY 日元' },
];

type Values = Pick<Settings, 'companyName' | 'fiscalYearStartMonth' | 'currency'>;

/** 系统设置: company name and logo, fiscal year, currency, default sharing. */
export function SettingsPage() {
  const t = useT();
  const can = useCan();
  const canManage = can('settings.manage');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: getSettings });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => updateSettings({ ...v, companyName: v.companyName.trim() }),
    onSuccess: () => {
      message.success(t('common.saved'));
      client.invalidateQueries({ queryKey: SETTINGS_KEY });
      client.invalidateQueries({ queryKey: ['auth', 'me'] });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(e.message);
    },
  });

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {settings.isError && <Alert type="error" showIcon title={settings.error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('settings.company')}>
              {settings.isPending ? (
                <Skeleton active />
              ) : (
                <Form
                  form={form}
                  layout="vertical"
                  disabled={!canManage}
                  onFinish={(v) => save.mutate(v)}
                  style={{ maxWidth: 480 }}
                  data-testid="settings-form"
                >
                  <Form.Item
                    name="companyName"
                    label={t('settings.companyName')}
                    rules={[{ required: true, whitespace: true, max: 100 }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="fiscalYearStartMonth" label={t('settings.fiscalYearStartMonth')}>
                    <Select
                      options={Array.from({ length: 12 }, (_, i) => ({
                        value: i + 1,
                        label: t('settings.month', { month: i + 1 }),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="currency" label={t('settings.currency')}>
                    <Select options={CURRENCIES} />
                  </Form.Item>
                  {canManage && (
                    <Button type="primary" htmlType="submit" loading={save.isPending}>
                      {t('common.save')}
                    </Button>
                  )}
                </Form>
              )}
            </Card>
            <Card title={t('settings.logo')}>
              <LogoUpload logoUrl={settings.data?.logoUrl ?? null} canManage={canManage} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <SharingDefaults canManage={canManage} />
        </Col>
      </Row>
    </>
  );
}
