import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, isApiError, type Page } from '../../ui/api.ts';
import { useI18n } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import {
  type ApproverRule,
  type Condition,
  type FlowBranch,
  type FlowDefinition,
  type FlowListItem,
  type FlowStep,
  useDeleteFlow,
  useFlows,
  useSaveFlow,
} from './api.ts';
import './messages.ts';

/** 审批流程设置: one card per document type; the editor opens in a drawer. */
export function ApprovalFlowsPage() {
  const { t, pick } = useI18n();
  const flows = useFlows();
  const remove = useDeleteFlow();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<FlowListItem | null>(null);
  return (
    <>
      <PageHeader title={t('approvals.flows.title')} subtitle={t('approvals.flows.subtitle')} />
      <Row gutter={[16, 16]}>
        {(flows.data ?? []).map((item) => (
          <Col key={item.documentType} xs={24} md={12} xl={8}>
            <Card
              title={pick(item.label)}
              data-testid={`flow-${item.documentType}`}
              extra={!item.registered && <Tag>{t('approvals.flows.not_connected')}</Tag>}
              actions={[
                <Button key="edit" type="link" onClick={() => setEditing(item)}>
                  {t('approvals.flows.edit')}
                </Button>,
                ...(item.flow
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('approvals.flows.delete_confirm')}
                        onConfirm={() => remove.mutate(item.documentType, { onError: (e) => message.error(e.message) })}
                      >
                        <Button type="link" danger>
                          {t('approvals.flows.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              {item.flow ? (
                <Space orientation="vertical" size={4}>
                  <Space wrap>
                    <Typography.Text strong>{item.flow.definition.name}</Typography.Text>
                    <Tag color={item.flow.enabled ? 'green' : 'default'}>
                      {t(item.flow.enabled ? 'approvals.flows.enabled' : 'approvals.flows.disabled')}
                    </Tag>
                    <Typography.Text type="secondary">
                      {t('approvals.flows.version', { version: item.flow.version })}
                    </Typography.Text>
                  </Space>
                  {item.flow.definition.branches.map((b) => (
                    <Typography.Text key={b.name} type="secondary">
                      {b.name}：{b.steps.map((s) => s.name).join(' → ') || t('approvals.flows.no_steps')}
                    </Typography.Text>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('approvals.flows.none')}</Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {flows.data?.length === 0 && <Empty />}
      {editing && <FlowEditor item={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

const defaultStep = (): FlowStep => ({ name: '直接上级', approvers: { kind: 'supervisor', level: 1 }, mode: 'any' });

function initialDefinition(item: FlowListItem, name: string): FlowDefinition {
  if (item.flow) return structuredClone(item.flow.definition);
  return {
    documentType: item.documentType,
    name,
    branches: [{ name: '其他情况', when: null, steps: [defaultStep()] }],
  };
}

function FlowEditor({ item, onClose }: { item: FlowListItem; onClose: () => void }) {
  const { t, pick } = useI18n();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const save = useSaveFlow();
  const [flow, setFlow] = useState<FlowDefinition>(() =>
    initialDefinition(item, t('approvals.flows.default_name', { type: pick(item.label) })),
  );
  const [enabled, setEnabled] = useState(item.flow?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const roles = useQuery({
    queryKey: ['roles', 'list'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/v1/roles').then((r) => r.items),
  });
  const people = useQuery({
    queryKey: ['employees', 'approvers'],
    queryFn: () =>
      api<Page<{ id: string; name: string; departmentName?: string }>>('/api/v1/employees', {
        query: { status: 'active', limit: 200 },
      }).then((r) => r.items),
  });

  const setBranch = (i: number, b: FlowBranch) =>
    setFlow({ ...flow, branches: flow.branches.map((x, j) => (j === i ? b : x)) });
  const errorsAt = (prefix: string, exact = false) =>
    Object.entries(errors)
      .filter(([k]) => (exact ? k === prefix : k === prefix || k.startsWith(`${prefix}.`)))
      .map(([, v]) => v);

  const onSave = () => {
    setErrors({});
    save.mutate(
      { type: item.documentType, enabled, definition: flow },
      {
        onSuccess: () => {
          message.success(t('approvals.flows.saved'));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && Object.keys(e.fields).length) {
            setErrors(
              Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.replace(/^definition\./, ''), v])),
            );
          } else message.error(e.message);
        },
      },
    );
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 760}
      title={`${t('approvals.flows.title')} · ${pick(item.label)}`}
      extra={
        <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="flow-save">
          {t('approvals.flows.save')}
        </Button>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {Object.keys(errors).length > 0 && (
          <Alert type="error" showIcon title={Object.values(errors).join('；')} data-testid="flow-errors" />
        )}
        <Flex gap={12} wrap align="center">
          <Input
            value={flow.name}
            onChange={(e) => setFlow({ ...flow, name: e.target.value })}
            placeholder={t('approvals.flows.name')}
            status={errorsAt('name', true).length ? 'error' : undefined}
            style={{ flex: 1, minWidth: 200 }}
            aria-label={t('approvals.flows.name')}
          />
          <Space>
            <Switch checked={enabled} onChange={setEnabled} />
            {t('approvals.flows.enabled')}
          </Space>
        </Flex>
        {flow.branches.map((branch, i) => (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no ids; they are controlled and keep no local state
            key={i}
            size="small"
            title={`${t('approvals.flows.branch')} ${i + 1}`}
            extra={
              flow.branches.length > 1 && (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('approvals.flows.remove')}
                  onClick={() => setFlow({ ...flow, branches: flow.branches.filter((_, j) => j !== i) })}
                />
              )
            }
          >
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Input
                value={branch.name}
                onChange={(e) => setBranch(i, { ...branch, name: e.target.value })}
                placeholder={t('approvals.flows.branch_name')}
                aria-label={t('approvals.flows.branch_name')}
              />
              <ConditionEditor value={branch.when} onChange={(when) => setBranch(i, { ...branch, when })} />
              {errorsAt(`branches.${i}.when`).map((m) => (
                <Typography.Text key={m} type="danger">
                  {m}
                </Typography.Text>
              ))}
              {branch.steps.length === 0 && (
                <Typography.Text type="secondary">{t('approvals.flows.no_steps')}</Typography.Text>
              )}
              {branch.steps.map((step, j) => (
                <StepEditor
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no ids; they are controlled and keep no local state
                  key={j}
                  index={j}
                  step={step}
                  roles={roles.data ?? []}
                  people={people.data ?? []}
                  errors={errorsAt(`branches.${i}.steps.${j}`)}
                  onChange={(s) => setBranch(i, { ...branch, steps: branch.steps.map((x, k) => (k === j ? s : x)) })}
                  onRemove={() => setBranch(i, { ...branch, steps: branch.steps.filter((_, k) => k !== j) })}
                />
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => setBranch(i, { ...branch, steps: [...branch.steps, defaultStep()] })}
                disabled={branch.steps.length >= 10}
              >
                {t('approvals.flows.add_step')}
              </Button>
            </Space>
          </Card>
        ))}
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            // New conditional branches go before the last (catch-all) branch.
            setFlow({
              ...flow,
              branches: [
                ...flow.branches.slice(0, -1),
                {
                  name: '大额',
                  when: { type: 'decimal', field: 'amount', op: 'gte', value: '10000' },
                  steps: [defaultStep()],
                },
                ...flow.branches.slice(-1),
              ],
            })
          }
        >
          {t('approvals.flows.add_branch')}
        </Button>
      </Space>
    </Drawer>
  );
}

type CondKind = 'none' | 'gte' | 'lt' | 'between' | 'custom';

function conditionKind(c: Condition | null): CondKind {
  if (!c) return 'none';
  if (c.type === 'decimal' && 'field' in c && c.field === 'amount') {
    if (c.op === 'gte' || c.op === 'lt' || c.op === 'between') return c.op;
  }
  return 'custom';
}

/** The simple editor: nothing (otherwise), amount ≥ x, amount < x, amount between a and b (inclusive). */
function ConditionEditor({ value, onChange }: { value: Condition | null; onChange: (c: Condition | null) => void }) {
  const { t } = useI18n();
  const kind = conditionKind(value);
  const v = (value ?? {}) as Record<string, string>;
  const setKind = (k: CondKind) => {
    if (k === 'none') onChange(null);
    else if (k === 'between')
      onChange({ type: 'decimal', field: 'amount', op: 'between', min: v.value ?? '0', max: v.value ?? '10000' });
    else if (k === 'gte' || k === 'lt')
      onChange({ type: 'decimal', field: 'amount', op: k, value: v.value ?? v.min ?? '10000' });
  };
  const options = (['none', 'gte', 'lt', 'between'] as CondKind[]).map((k) => ({
    value: k,
    label: t(`approvals.flows.cond.${k}`),
  }));
  if (kind === 'custom') options.push({ value: 'custom', label: t('approvals.flows.cond.custom') });
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text>{t('approvals.flows.condition')}</Typography.Text>
      <Select
        value={kind}
        onChange={setKind}
        options={options}
        style={{ minWidth: 180 }}
        aria-label={t('approvals.flows.condition')}
      />
      {(kind === 'gte' || kind === 'lt') && (
        <Input
          style={{ width: 160 }}
          value={v.value}
          inputMode="decimal"
          suffix="¥"
          onChange={(e) => onChange({ ...(value as object), value: e.target.value } as Condition)}
        />
      )}
      {kind === 'between' && (
        <Space>
          <Input
            style={{ width: 130 }}
            value={v.min}
            inputMode="decimal"
            onChange={(e) => onChange({ ...(value as object), min: e.target.value } as Condition)}
          />
          ~
          <Input
            style={{ width: 130 }}
            value={v.max}
            inputMode="decimal"
            onChange={(e) => onChange({ ...(value as object), max: e.target.value } as Condition)}
          />
        </Space>
      )}
    </Flex>
  );
}

function StepEditor({
  index,
  step,
  roles,
  people,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  step: FlowStep;
  roles: { id: string; name: string }[];
  people: { id: string; name: string; departmentName?: string }[];
  errors: string[];
  onChange: (s: FlowStep) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const a = step.approvers;
  const setApprovers = (approvers: ApproverRule) => onChange({ ...step, approvers });
  const setKind = (kind: ApproverRule['kind']) =>
    setApprovers(
      kind === 'supervisor'
        ? { kind, level: 1 }
        : kind === 'department_head'
          ? { kind, level: 0 }
          : kind === 'role'
            ? { kind, roleId: roles[0]?.id ?? '' }
            : { kind, userIds: [] },
    );
  const several = a.kind === 'role' || a.kind === 'users';
  return (
    <Card size="small" type="inner" data-testid="flow-step" styles={{ body: { padding: 12 } }}>
      <Flex gap={8} wrap align="center">
        <Tag color="blue">{index + 1}</Tag>
        <Input
          style={{ width: 140 }}
          value={step.name}
          onChange={(e) => onChange({ ...step, name: e.target.value })}
          placeholder={t('approvals.flows.step_name')}
          aria-label={t('approvals.flows.step_name')}
        />
        <Select
          style={{ width: 130 }}
          value={a.kind}
          onChange={setKind}
          aria-label={t('approvals.flows.approvers')}
          options={(['supervisor', 'department_head', 'role', 'users'] as const).map((k) => ({
            value: k,
            label: t(`approvals.flows.kind.${k}`),
          }))}
        />
        {a.kind === 'supervisor' && (
          <Select
            style={{ width: 130 }}
            value={a.level}
            onChange={(level) => setApprovers({ kind: 'supervisor', level })}
            options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('approvals.flows.level.supervisor', { n }) }))}
          />
        )}
        {a.kind === 'department_head' && (
          <Select
            style={{ width: 150 }}
            value={a.level}
            onChange={(level) => setApprovers({ kind: 'department_head', level })}
            options={[0, 1, 2, 3].map((n) => ({
              value: n,
              label:
                n === 0 ? t('approvals.flows.level.own_department') : t('approvals.flows.level.department_head', { n }),
            }))}
          />
        )}
        {a.kind === 'role' && (
          <Select
            style={{ width: 160 }}
            value={a.roleId || undefined}
            onChange={(roleId) => setApprovers({ kind: 'role', roleId })}
            options={roles.map((r) => ({ value: r.id, label: r.name }))}
          />
        )}
        {a.kind === 'users' && (
          <Select
            mode="multiple"
            style={{ minWidth: 220, flex: 1 }}
            value={a.userIds}
            onChange={(userIds) => setApprovers({ kind: 'users', userIds })}
            optionFilterProp="label"
            options={people.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        {several && (
          <Radio.Group
            value={step.mode}
            onChange={(e) => onChange({ ...step, mode: e.target.value })}
            options={[
              { value: 'any', label: t('approvals.mode.any') },
              { value: 'all', label: t('approvals.mode.all') },
            ]}
          />
        )}
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          aria-label={t('approvals.flows.remove')}
        />
      </Flex>
      {errors.map((m) => (
        <Typography.Text key={m} type="danger" style={{ display: 'block' }}>
          {m}
        </Typography.Text>
      ))}
    </Card>
  );
}
