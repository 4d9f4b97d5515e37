import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Empty, Select, Table } from 'antd';
import { isApiError } from '../../ui/api.ts';
import { useI18n } from '../../ui/i18n.tsx';
import { type DefaultAccess, getSharingDefaults, putSharingDefault, type SharingDefault } from './api.ts';

const ACCESS: DefaultAccess[] = ['private', 'public_read', 'public_read_write'];

/** 共享模式: per record type, what colleagues other than the owner may do by default. */
export function SharingDefaults({ canManage }: { canManage: boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['sharing', 'defaults'], queryFn: getSharingDefaults, retry: false });
  const save = useMutation({
    mutationFn: ({ objectType, access }: { objectType: string; access: DefaultAccess }) =>
      putSharingDefault(objectType, access),
    onSuccess: () => message.success(t('common.saved')),
    onError: (e) => message.error(e.message),
    onSettled: () => client.invalidateQueries({ queryKey: ['sharing', 'defaults'] }),
  });
  // Not offered by this server (yet): leave the section out rather than show an error.
  if (query.isError && isApiError(query.error) && query.error.status === 404) return null;

  return (
    <Card title={t('settings.sharing')} extra={null}>
      <p style={{ marginTop: 0, color: 'rgba(0,0,0,0.45)' }}>{t('settings.sharing_hint')}</p>
      <Table<SharingDefault>
        rowKey="objectType"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.sharing_empty')} /> }}
        columns={[
          { key: 'object', title: t('settings.sharing.object'), render: (_, r) => pick(r.label) || r.objectType },
          {
            key: 'access',
            title: t('settings.sharing.access'),
            width: 180,
            render: (_, r) => (
              <Select<DefaultAccess>
                size="small"
                style={{ width: '100%' }}
                value={r.defaultAccess}
                disabled={!canManage}
                options={ACCESS.map((a) => ({ value: a, label: t(`settings.access.${a}`) }))}
                onChange={(access) => save.mutate({ objectType: r.objectType, access })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
