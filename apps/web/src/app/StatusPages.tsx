import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../ui/i18n.tsx';
import './messages.ts';

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('page.403.title')}
      subTitle={t('page.403.desc')}
      data-testid="page-403"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('page.back_home')}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('page.404.title')}
      subTitle={t('page.404.desc')}
      data-testid="page-404"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('page.back_home')}
        </Button>
      }
    />
  );
}
