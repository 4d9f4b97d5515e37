import { Alert, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../ui/i18n.tsx';
import { isMissingRoute } from '../api.ts';

/** Loading, "not offered yet" (route missing), error, or the content. */
export function TabState({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: Error | null };
  children: ReactNode;
}) {
  const t = useT();
  if (query.isPending) return <Skeleton active />;
  if (query.isError && isMissingRoute(query.error))
    return <Empty description={t('customers.tab_unavailable')} data-testid="tab-unavailable" />;
  if (query.isError)
    return <Alert type="error" showIcon title={t('common.load_failed')} description={query.error?.message} />;
  return <>{children}</>;
}
