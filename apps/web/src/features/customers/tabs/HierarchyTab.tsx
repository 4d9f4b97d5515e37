import { ApartmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Statistic,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../ui/i18n.tsx';
import { type Customer, type CustomerTreeNode, getRollup, getTree, type Rollup, setParent } from '../api.ts';
import { CustomerPicker } from '../CustomerPicker.tsx';
import { TabState } from './TabState.tsx';

function toNodes(nodes: CustomerTreeNode[], currentId: string): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title:
      n.id === currentId ? (
        <Typography.Text strong>{n.name}</Typography.Text>
      ) : (
        <Link to={`/customers/${n.id}`}>{n.name}</Link>
      ),
    children: toNodes(n.children ?? [], currentId),
  }));
}

/** The labelled numbers the server sends, or the bare numbers with our own labels. */
function rollupItems(data: Rollup | undefined, t: (k: string) => string) {
  if (!data) return [];
  if (data.items?.length) {
    const has = new Set(data.items.map((i) => i.key));
    const subs = has.has('subsidiaries')
      ? []
      : [{ key: 'subsidiaries', label: t('hierarchy.rollup.subsidiaries'), value: data.subsidiaries }];
    return [...subs, ...data.items];
  }
  return Object.entries(data)
    .filter(([, v]) => typeof v === 'number')
    .map(([key, value]) => {
      const label = t(`hierarchy.rollup.${key}`);
      return { key, label: label.startsWith('hierarchy.') ? key : label, value: value as number };
    });
}

/** 关联单位: parents above, the group below, set/remove the parent, and the group roll-up. */
export function HierarchyTab({ customer }: { customer: Customer }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [parentId, setParentId] = useState<string | undefined>();
  const tree = useQuery({
    queryKey: ['customers', customer.id, 'tree'],
    queryFn: () => getTree(customer.id),
    retry: false,
  });
  const rollup = useQuery({
    queryKey: ['customers', customer.id, 'rollup'],
    queryFn: () => getRollup(customer.id),
    retry: false,
  });
  const save = useMutation({
    mutationFn: (id: string | null) => setParent(customer.id, id),
    onSuccess: () => {
      message.success(t('hierarchy.parent_saved'));
      setParentId(undefined);
      client.invalidateQueries({ queryKey: ['customers'] });
    },
    onError: (e) => message.error(e.message),
  });

  const data = useMemo(() => {
    if (!tree.data) return [];
    const { ancestors, node } = tree.data;
    let subtree: CustomerTreeNode = node;
    for (const a of [...ancestors].reverse()) subtree = { ...a, children: [subtree] };
    return toNodes([subtree], customer.id);
  }, [tree.data, customer.id]);
  const keys = useMemo(() => {
    const out: string[] = [];
    const walk = (n: TreeDataNode[]) => {
      for (const x of n) {
        out.push(String(x.key));
        walk(x.children ?? []);
      }
    };
    walk(data);
    return out;
  }, [data]);

  const writable = customer.access === 'write';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={
            <>
              <ApartmentOutlined /> {t('hierarchy.tree')}
            </>
          }
        >
          {writable && (
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <CustomerPicker
                placeholder={t('hierarchy.pick_parent')}
                aria-label={t('hierarchy.set_parent')}
                value={parentId}
                onChange={setParentId}
                exclude={[customer.id]}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button
                type="primary"
                disabled={!parentId}
                loading={save.isPending}
                onClick={() => save.mutate(parentId!)}
              >
                {t('hierarchy.set_parent')}
              </Button>
              {customer.parentId && (
                <Popconfirm title={t('hierarchy.clear_parent')} onConfirm={() => save.mutate(null)}>
                  <Button>{t('hierarchy.clear_parent')}</Button>
                </Popconfirm>
              )}
            </Flex>
          )}
          <TabState query={tree}>
            {keys.length <= 1 ? (
              <Empty description={t('hierarchy.none')} />
            ) : (
              <Tree showLine treeData={data} expandedKeys={keys} selectable={false} data-testid="customer-tree" />
            )}
          </TabState>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('hierarchy.rollup')}>
          <TabState query={rollup}>
            <Row gutter={[8, 8]} data-testid="rollup">
              {rollupItems(rollup.data, t).map(({ key, label, value }) => (
                <Col span={12} key={key}>
                  <Card size="small" style={{ background: '#fafafa' }} data-testid={`rollup-${key}`}>
                    <Statistic title={label} value={value} />
                  </Card>
                </Col>
              ))}
            </Row>
          </TabState>
        </Card>
      </Col>
    </Row>
  );
}
