import { useQuery } from '@tanstack/react-query';
import { Avatar, Empty, List, Tag, Typography } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import { listEmployees } from '../employees/api.ts';

/** Who belongs to one department (as far as the user may see employees). */
export function DepartmentMembers({ departmentId }: { departmentId: string }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['employees', 'list', { departmentId, limit: 100 }],
    queryFn: () => listEmployees({ departmentId, limit: 100 }),
  });
  if (query.isError) return <Typography.Text type="danger">{query.error.message}</Typography.Text>;
  const items = query.data?.items ?? [];
  return (
    <List
      loading={query.isPending}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.no_members')} /> }}
      data-testid="department-members"
      renderItem={(e) => (
        <List.Item extra={e.status === 'disabled' ? <Tag>{t('employees.status.disabled')}</Tag> : null}>
          <List.Item.Meta
            avatar={<Avatar style={{ background: '#87b6ff' }}>{e.name.slice(0, 1)}</Avatar>}
            title={e.name}
            description={[e.positionTitle, e.roles.map((r) => r.name).join('、')].filter(Boolean).join(' · ') || '—'}
          />
        </List.Item>
      )}
    />
  );
}
