import { Avatar, Button, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { menuEntries } from '../../app/menu.tsx';
import { useT } from '../../ui/i18n.tsx';
import { ApprovalsWorkbenchCard } from '../approvals/ApprovalsWorkbenchCard.tsx';
import { useCan, useMe } from '../auth/index.ts';
import { ForecastWorkbenchCard } from '../forecast/index.ts';
import './messages.ts';

function greetingKey(hour: number) {
  if (hour < 12) return 'workbench.morning';
  if (hour < 18) return 'workbench.afternoon';
  return 'workbench.evening';
}

/** 工作台: who I am and where to go. Later modules add their widgets here. */
export function WorkbenchPage() {
  const me = useMe();
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const shortcuts = menuEntries.filter((e) => e.path !== '/' && (!e.anyOf || can(...e.anyOf)));
  const steps = [
    { key: 'logo', path: '/settings', grant: 'settings.manage' },
    { key: 'org', path: '/org', grant: 'org.manage' },
    { key: 'employees', path: '/employees', grant: 'employees.create' },
    { key: 'roles', path: '/roles', grant: 'roles.manage' },
  ].filter((s) => can(s.grant));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space align="start" size={16} wrap>
          <Avatar size={56} style={{ background: '#1677ff', fontSize: 24 }}>
            {me.user.name.slice(0, 1)}
          </Avatar>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="greeting">
              {t(greetingKey(new Date().getHours()), { name: me.user.name })}
            </Typography.Title>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 4 }}
              style={{ marginTop: 8 }}
              items={[
                { key: 'company', label: t('workbench.company'), children: me.tenant.name },
                { key: 'department', label: t('workbench.department'), children: me.department.name },
                ...(me.user.positionTitle
                  ? [{ key: 'position', label: t('workbench.position'), children: me.user.positionTitle }]
                  : []),
                {
                  key: 'roles',
                  label: t('workbench.roles'),
                  children: (
                    <span data-testid="my-roles">
                      {me.roles.map((r) => (
                        <Tag key={r.id} color={r.code === 'admin' ? 'gold' : 'blue'}>
                          {r.name}
                        </Tag>
                      ))}
                    </span>
                  ),
                },
              ]}
            />
          </div>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} lg={8}>
          <ApprovalsWorkbenchCard />
        </Col>
        {can('forecast.view') && (
          <Col xs={24} md={12} lg={8}>
            <ForecastWorkbenchCard />
          </Col>
        )}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={steps.length ? 12 : 24}>
          <Card title={t('workbench.shortcuts')} style={{ height: '100%' }}>
            {shortcuts.length ? (
              <Row gutter={[12, 12]}>
                {shortcuts.map((s) => (
                  <Col key={s.path} xs={12} sm={8} md={6} lg={12} xl={8}>
                    <Card hoverable size="small" onClick={() => navigate(s.path)} style={{ textAlign: 'center' }}>
                      <div style={{ fontSize: 24, color: '#1677ff' }}>{s.icon}</div>
                      <div>{t(s.labelKey)}</div>
                    </Card>
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty description={t('workbench.no_shortcuts')} />
            )}
          </Card>
        </Col>
        {steps.length > 0 && (
          <Col xs={24} lg={12}>
            <Card title={t('workbench.getting_started')} style={{ height: '100%' }}>
              <List
                dataSource={steps}
                renderItem={(s, i) => (
                  <List.Item
                    actions={[
                      <Button key="go" type="link" size="small" onClick={() => navigate(s.path)}>
                        {t('workbench.go')}
                      </Button>,
                    ]}
                  >
                    <Space align="start">
                      <Avatar size="small" style={{ background: '#e6f4ff', color: '#1677ff' }}>
                        {i + 1}
                      </Avatar>
                      <span>{t(`workbench.step.${s.key}`)}</span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
