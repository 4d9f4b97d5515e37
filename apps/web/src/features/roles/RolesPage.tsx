import { PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, Flex, List, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import { usePermissionCatalogue, useRoles } from './api.ts';
import './messages.ts';
import { RoleEditor } from './RoleEditor.tsx';

type Selection = { kind: 'role'; id: string } | { kind: 'new' } | null;

/** 角色权限: the roles on the left, the selected role's permission × scope matrix on the right. */
export function RolesPage() {
  const t = useT();
  const can = useCan();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const isPhone = useIsPhone();
  const [selection, setSelection] = useState<Selection>(null);
  const items = roles.data ?? [];

  useEffect(() => {
    if (selection === null && items[0]) setSelection({ kind: 'role', id: items[0].id });
  }, [items, selection]);

  const selectedRole = selection?.kind === 'role' ? (items.find((r) => r.id === selection.id) ?? null) : null;
  const error = roles.error ?? catalogue.error;

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          can('roles.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSelection({ kind: 'new' })}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        {isPhone ? (
          <Col span={24}>
            <Select
              style={{ width: '100%' }}
              aria-label={t('roles.pick')}
              data-testid="role-picker"
              loading={roles.isPending}
              value={selection?.kind === 'role' ? selection.id : selection?.kind === 'new' ? '__new' : undefined}
              onChange={(id) => setSelection(id === '__new' ? { kind: 'new' } : { kind: 'role', id })}
              options={[
                ...items.map((r) => ({
                  value: r.id,
                  label: `${r.name}${r.builtin ? `（${t('roles.builtin')}）` : ''} · ${t('roles.members', { count: r.memberCount })}`,
                })),
                ...(selection?.kind === 'new' ? [{ value: '__new', label: t('roles.new_name') }] : []),
              ]}
            />
          </Col>
        ) : (
          <Col xs={24} lg={7} xl={6}>
            <Card size="small" styles={{ body: { padding: 0 } }}>
              <List
                loading={roles.isPending}
                dataSource={items}
                data-testid="role-list"
                renderItem={(r) => {
                  const active = selection?.kind === 'role' && selection.id === r.id;
                  return (
                    <List.Item
                      onClick={() => setSelection({ kind: 'role', id: r.id })}
                      style={{
                        cursor: 'pointer',
                        paddingInline: 16,
                        background: active ? '#e6f4ff' : undefined,
                        borderInlineStart: `3px solid ${active ? '#1677ff' : 'transparent'}`,
                      }}
                      data-testid={`role-item-${r.name}`}
                    >
                      <Flex justify="space-between" align="center" style={{ width: '100%' }} gap={8}>
                        <Typography.Text strong={active} ellipsis>
                          {r.name}
                        </Typography.Text>
                        <Flex gap={4} align="center" style={{ flex: 'none' }}>
                          {r.builtin && <Tag style={{ marginInlineEnd: 0 }}>{t('roles.builtin')}</Tag>}
                          <Badge count={r.memberCount} showZero color={r.memberCount ? '#1677ff' : '#d9d9d9'} />
                        </Flex>
                      </Flex>
                    </List.Item>
                  );
                }}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={17} xl={18}>
          {catalogue.isPending || roles.isPending ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : !catalogue.data ? null : selection?.kind === 'new' || selectedRole ? (
            <RoleEditor
              key={selectedRole?.id ?? 'new'}
              role={selectedRole}
              catalogue={catalogue.data}
              onSaved={(r) => setSelection({ kind: 'role', id: r.id })}
              onDeleted={() => setSelection(null)}
            />
          ) : (
            <Card>
              <Empty description={t('roles.select_hint')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
