import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { AuthShell } from './AuthShell.tsx';
import { register } from './api.ts';
import { fetchMe, ME_KEY } from './session.ts';

interface Values {
  companyName: string;
  adminName: string;
  email: string;
  mobile?: string;
  password: string;
  confirm: string;
}

export function RegisterPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ confirm: _confirm, ...v }: Values) => register({ ...v, mobile: v.mobile?.trim() || null }),
    onSuccess: async () => {
      client.removeQueries();
      await client.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
      navigate('/', { replace: true });
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('auth.required', { field }) });

  return (
    <AuthShell title={t('auth.register.title')} subtitle={t('auth.register.hint')}>
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} requiredMark={false}>
        {mutation.isError && (
          <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="companyName"
          label={t('auth.register.companyName')}
          rules={[required(t('auth.register.companyName'))]}
        >
          <Input maxLength={100} autoFocus autoComplete="organization" />
        </Form.Item>
        <Form.Item
          name="adminName"
          label={t('auth.register.adminName')}
          rules={[required(t('auth.register.adminName'))]}
        >
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('auth.register.email')}
          rules={[required(t('auth.register.email')), { type: 'email', message: t('auth.invalid_email') }]}
        >
          <Input autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item name="mobile" label={t('auth.register.mobile')}>
          <Input autoComplete="tel" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.register.password')}
          extra={t('auth.register.password_hint')}
          rules={[required(t('auth.register.password')), { min: 8, message: t('auth.register.password_hint') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.register.confirm')}
          dependencies={['password']}
          rules={[
            required(t('auth.register.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.register.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
          {t('auth.register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.register.have_account')} <Link to="/login">{t('auth.register.to_login')}</Link>
      </Typography.Paragraph>
    </AuthShell>
  );
}
