import { DeleteOutlined, DownOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { deleteView, isMissingRoute, listViews, type SavedView, saveView } from './api.ts';

/** 常用视图: saved filters, columns and sort; pick one to apply it, save the current one under a name. */
export function SavedViews({
  current,
  onPick,
}: {
  current: Omit<SavedView, 'id' | 'name'>;
  onPick: (view: SavedView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [naming, setNaming] = useState<string | null>(null);
  const views = useQuery({ queryKey: ['customers', 'views'], queryFn: listViews, retry: false });
  const missing = views.isError && isMissingRoute(views.error);
  const save = useMutation({
    mutationFn: (name: string) => saveView({ ...current, name }),
    onSuccess: () => {
      message.success(t('customers.view_saved'));
      setNaming(null);
      client.invalidateQueries({ queryKey: ['customers', 'views'] });
    },
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: deleteView,
    onSuccess: () => client.invalidateQueries({ queryKey: ['customers', 'views'] }),
    onError: (e) => message.error(e.message),
  });
  const items = views.data?.items ?? [];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...items.map((v) => ({
              key: v.id,
              label: (
                <span style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                  {v.name}
                  <DeleteOutlined
                    aria-label={`${t('common.delete')} ${v.name}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      remove.mutate(v.id);
                    }}
                  />
                </span>
              ),
              onClick: () => onPick(v),
            })),
            ...(items.length ? [{ type: 'divider' as const }] : []),
            {
              key: '__save',
              icon: <SaveOutlined />,
              disabled: missing,
              label: missing ? t('customers.views_unavailable') : t('customers.view_save'),
              onClick: () => setNaming(''),
            },
          ],
        }}
      >
        <Button data-testid="saved-views">
          {t('customers.views')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={naming !== null}
        title={t('customers.view_save')}
        onCancel={() => setNaming(null)}
        onOk={() => naming?.trim() && save.mutate(naming.trim())}
        confirmLoading={save.isPending}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Input
          aria-label={t('customers.view_name')}
          placeholder={t('customers.view_name')}
          value={naming ?? ''}
          maxLength={50}
          onChange={(e) => setNaming(e.target.value)}
        />
      </Modal>
    </>
  );
}
