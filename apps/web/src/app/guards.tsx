import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useCan, useSession } from '../features/auth/index.ts';
import { useT } from '../ui/i18n.tsx';
import { ForbiddenPage } from './StatusPages.tsx';

export function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Pages behind a session: no session → /login, remembering where the user wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const t = useT();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError)
    return (
      <Result
        status="warning"
        title={t('page.session_failed')}
        subTitle={session.error.message}
        extra={<Button onClick={() => session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!session.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** Login and register: a signed-in user goes straight to the workbench. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return <FullPageSpin />;
  if (session.data) return <Navigate to="/" replace />;
  return children;
}

/** A page the user's grants do not cover shows the 403 page (the server refuses the data anyway). */
export function RequireGrant({ anyOf, children }: { anyOf: string[] | null; children: ReactNode }) {
  const can = useCan();
  if (anyOf && !can(...anyOf)) return <ForbiddenPage />;
  return children;
}
