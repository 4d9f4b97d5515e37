import { DeleteOutlined, DownOutlined, EditOutlined, SaveOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Dropdown, Flex, Input, Modal, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import {
  deleteView,
  isMissingRoute,
  listViews,
  type SavedView,
  type SavedViewInput,
  saveView,
  updateView,
} from './api.ts';

type ListState = Pick<SavedView, 'filters' | 'columns' | 'sort'>;

/** The naming dialog: a new view of the current list, or the name and share flag of an existing one. */
interface Editing {
  view: SavedView | null;
  name: string;
  shared: boolean;
}

/**
 * 常用视图: saved filters, columns and sort; pick one to apply it, save the current one under a name. The
 * caller's own views can be renamed, shared with the company, overwritten with the current list, deleted;
 * colleagues' shared views can only be applied.
 */
export function SavedViews({ current, onPick }: { current: ListState; onPick: (view: SavedView) => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const views = useQuery({ queryKey: ['customers', 'views'], queryFn: listViews, retry: false });
  const missing = views.isError && isMissingRoute(views.error);
  const refresh = () => client.invalidateQueries({ queryKey: ['customers', 'views'] });
  const save = useMutation({
    mutationFn: ({ view, ...body }: Editing) =>
      view ? updateView(view.id, body) : saveView({ ...current, ...body } satisfies SavedViewInput),
    onSuccess: (_, { view }) => {
      message.success(t(view ? 'customers.view_updated' : 'customers.view_saved'));
      setEditing(null);
      refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const overwrite = useMutation({
    mutationFn: (view: SavedView) => updateView(view.id, current),
    onSuccess: () => {
      message.success(t('customers.view_updated'));
      refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: deleteView,
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  const items = views.data?.items ?? [];

  const action = (label: string, icon: ReactNode, run: () => void) => (
    <Button
      type="text"
      size="small"
      icon={icon}
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        run();
      }}
    />
  );
  const confirmOverwrite = (v: SavedView) =>
    modal.confirm({
      title: t('customers.view_overwrite'),
      content: t('customers.view_overwrite_confirm', { name: v.name }),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: () => overwrite.mutateAsync(v),
    });

  const label = (v: SavedView) => (
    <Flex justify="space-between" align="center" gap={12} data-testid="saved-view">
      <span>
        {v.name}
        {v.mine && v.shared && (
          <Tag style={{ marginInlineStart: 8 }} color="blue">
            {t('customers.view_shared')}
          </Tag>
        )}
        {!v.mine && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t('customers.view_shared_by', { name: v.ownerName ?? '' })}
          </Typography.Text>
        )}
      </span>
      {v.mine && (
        <span style={{ whiteSpace: 'nowrap' }}>
          {action(`${t('customers.view_overwrite')} ${v.name}`, <SyncOutlined />, () => confirmOverwrite(v))}
          {action(`${t('customers.view_edit')} ${v.name}`, <EditOutlined />, () =>
            setEditing({ view: v, name: v.name, shared: v.shared }),
          )}
          {action(`${t('common.delete')} ${v.name}`, <DeleteOutlined />, () => remove.mutate(v.id))}
        </span>
      )}
    </Flex>
  );

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...items.map((v) => ({ key: v.id, label: label(v), onClick: () => onPick(v) })),
            ...(items.length ? [{ type: 'divider' as const }] : []),
            {
              key: '__save',
              icon: <SaveOutlined />,
              disabled: missing,
              label: missing ? t('customers.views_unavailable') : t('customers.view_save'),
              onClick: () => setEditing({ view: null, name: '', shared: false }),
            },
          ],
        }}
      >
        <Button data-testid="saved-views">
          {t('customers.views')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={editing !== null}
        title={t(editing?.view ? 'customers.view_edit' : 'customers.view_save')}
        onCancel={() => setEditing(null)}
        onOk={() => editing?.name.trim() && save.mutate({ ...editing, name: editing.name.trim() })}
        confirmLoading={save.isPending}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Flex vertical gap={12}>
          <Input
            aria-label={t('customers.view_name')}
            placeholder={t('customers.view_name')}
            value={editing?.name ?? ''}
            maxLength={50}
            onChange={(e) => setEditing((s) => s && { ...s, name: e.target.value })}
          />
          <div>
            <Checkbox
              checked={editing?.shared ?? false}
              onChange={(e) => setEditing((s) => s && { ...s, shared: e.target.checked })}
            >
              {t('customers.view_share')}
            </Checkbox>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
              {t('customers.view_share_hint')}
            </Typography.Paragraph>
          </div>
        </Flex>
      </Modal>
    </>
  );
}
