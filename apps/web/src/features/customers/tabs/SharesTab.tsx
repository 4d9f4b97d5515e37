import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, List, Popconfirm, Segmented, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../ui/i18n.tsx';
import { EmployeeSelect } from '../../employees/EmployeeSelect.tsx';
import { DepartmentTreeSelect } from '../../org/DepartmentTreeSelect.tsx';
import { addShare, type Customer, listShares, removeShare } from '../api.ts';
import { TabState } from './TabState.tsx';

/** 共享: who else sees this customer (users or departments, read or read-write). */
export function SharesTab({ customer, canShare }: { customer: Customer; canShare: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [target, setTarget] = useState<'user' | 'department'>('user');
  const [who, setWho] = useState<string | null>(null);
  const [access, setAccess] = useState<'read' | 'write'>('read');
  const key = ['customers', customer.id, 'shares'];
  const shares = useQuery({ queryKey: key, queryFn: () => listShares(customer.id), retry: false });
  const add = useMutation({
    mutationFn: () =>
      addShare(customer.id, target === 'user' ? { userId: who, access } : { departmentId: who, access }),
    onSuccess: () => {
      message.success(t('shares.added'));
      setWho(null);
      client.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (shareId: string) => removeShare(customer.id, shareId),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      {canShare && (
        <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="share-form">
          <Segmented
            value={target}
            onChange={(v) => {
              setTarget(v as 'user' | 'department');
              setWho(null);
            }}
            options={[
              { value: 'user', label: t('shares.to_user') },
              { value: 'department', label: t('shares.to_department') },
            ]}
          />
          {target === 'user' ? (
            <EmployeeSelect value={who} onChange={setWho} style={{ minWidth: 180, flex: 1 }} />
          ) : (
            <DepartmentTreeSelect
              value={who ?? undefined}
              onChange={(v) => setWho(v ?? null)}
              style={{ minWidth: 180, flex: 1 }}
            />
          )}
          <Select
            value={access}
            onChange={setAccess}
            aria-label={t('shares.access')}
            style={{ width: 110 }}
            options={[
              { value: 'read', label: t('shares.access.read') },
              { value: 'write', label: t('shares.access.write') },
            ]}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!who}
            loading={add.isPending}
            onClick={() => add.mutate()}
          >
            {t('shares.add')}
          </Button>
        </Flex>
      )}
      <TabState query={shares}>
        {(shares.data?.items ?? []).length === 0 ? (
          <Empty description={t('shares.empty')} />
        ) : (
          <List
            dataSource={shares.data?.items ?? []}
            renderItem={(s) => (
              <List.Item
                actions={
                  canShare
                    ? [
                        <Popconfirm key="rm" title={t('shares.remove')} onConfirm={() => remove.mutate(s.id)}>
                          <Button
                            type="text"
                            danger
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('shares.remove')}
                          />
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <span>
                  <Tag>{s.userId ? t('shares.to_user') : t('shares.to_department')}</Tag>
                  <Typography.Text strong>{s.userName ?? s.departmentName ?? s.targetName ?? '—'}</Typography.Text>{' '}
                  <Tag color={s.access === 'write' ? 'orange' : 'blue'}>{t(`shares.access.${s.access}`)}</Tag>
                </span>
              </List.Item>
            )}
          />
        )}
      </TabState>
    </>
  );
}
