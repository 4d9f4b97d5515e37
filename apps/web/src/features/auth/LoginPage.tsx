import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { applyFieldErrors } from '../../ui/form-errors.ts';
import { useT } from '../../ui/i18n.tsx';
import { AuthShell } from './AuthShell.tsx';
import { login } from './api.ts';
import { fetchMe, ME_KEY } from './session.ts';

interface Values {
  login: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async () => {
      client.removeQueries();
      await client.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
      navigate(from === '/login' ? '/' : from, { replace: true });
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  return (
    <AuthShell title={t('auth.login.title')}>
      <Form form={form} layout="vertical" size="large" onFinish={(v) => mutation.mutate(v)} requiredMark={false}>
        {mutation.isError && (
          <Alert type="error" showIcon title={mutation.error.message} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="login"
          label={t('auth.login.login')}
          rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('auth.login.login') }) }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.login.password')}
          rules={[{ required: true, message: t('auth.required', { field: t('auth.login.password') }) }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
          {t('auth.login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.login.no_account')} <Link to="/register">{t('auth.login.to_register')}</Link>
      </Typography.Paragraph>
    </AuthShell>
  );
}
