import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Skeleton,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type DragEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import { useCan } from '../auth/index.ts';
import {
  formatMoney,
  type KanbanCard,
  type KanbanColumn,
  loadMoreCards,
  type Opportunity,
  type Stage,
  useBusinessTypes,
  useKanban,
  useMoveStage,
} from './api.ts';
import './messages.ts';
import { OpportunityDetail } from './OpportunityDetail.tsx';
import { OpportunityDrawer } from './OpportunityDrawer.tsx';

const DRAG_TYPE = 'application/x-huike-opportunity';
const stageColor = { open: '#1677ff', won: '#52c41a', lost: '#ff4d4f' } as const;

function Card1({
  card,
  draggable,
  stages,
  onOpen,
  onMove,
}: {
  card: KanbanCard;
  draggable: boolean;
  stages: Stage[] | null;
  onOpen: () => void;
  onMove: (stage: Stage) => void;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      hoverable
      draggable={draggable}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(DRAG_TYPE, card.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={onOpen}
      style={{ cursor: draggable ? 'grab' : 'pointer' }}
      data-testid="opportunity-card"
    >
      <Typography.Text strong ellipsis style={{ display: 'block' }}>
        {card.name}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {card.customerName}
      </Typography.Text>
      <Flex justify="space-between" style={{ marginTop: 4, fontSize: 12 }}>
        <span>¥{formatMoney(card.amount)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {card.expectedCloseDate} · {card.ownerName}
        </Typography.Text>
      </Flex>
      {stages && (
        // Phones have no drag: a select moves the card instead.
        // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click from opening the card.
        <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} style={{ marginTop: 6 }}>
          <Select
            size="small"
            style={{ width: '100%' }}
            placeholder={t('opportunities.move_to')}
            value={null}
            options={stages.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(v) => {
              const s = stages.find((x) => x.id === v);
              if (s) onMove(s);
            }}
          />
        </div>
      )}
    </Card>
  );
}

function Column({
  column,
  typeId,
  extra,
  canMove,
  phoneStages,
  onLoaded,
  onOpen,
  onDropCard,
}: {
  column: KanbanColumn;
  typeId: string;
  extra: { items: KanbanCard[]; nextCursor: string | null } | undefined;
  canMove: boolean;
  phoneStages: Stage[] | null;
  onLoaded: (page: { items: KanbanCard[]; nextCursor: string | null }) => void;
  onOpen: (id: string) => void;
  onDropCard: (cardId: string, stage: Stage) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [over, setOver] = useState(false);
  const [loading, setLoading] = useState(false);
  const items = [...column.items, ...(extra?.items ?? [])];
  const cursor = extra ? extra.nextCursor : column.nextCursor;
  const { stage } = column;
  return (
    <section
      data-testid="kanban-column"
      aria-label={stage.name}
      onDragOver={(e) => {
        if (!canMove || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const id = e.dataTransfer.getData(DRAG_TYPE);
        if (id) onDropCard(id, stage);
      }}
      style={{
        flex: phoneStages ? 1 : '0 0 264px',
        background: over ? '#e6f4ff' : '#f5f5f5',
        borderRadius: 8,
        padding: 8,
        borderTop: `3px solid ${stageColor[stage.kind]}`,
        minHeight: 200,
      }}
    >
      {!phoneStages && (
        <div style={{ marginBottom: 8 }}>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{stage.name}</Typography.Text>
            <Tag>{stage.probability}%</Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('opportunities.count', { count: column.count })} · ¥{formatMoney(column.amount)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('opportunities.weighted', { amount: `¥${formatMoney(column.weightedAmount)}` })}
          </Typography.Text>
        </div>
      )}
      <Flex vertical gap={8}>
        {items.map((card) => (
          <Card1
            key={card.id}
            card={card}
            draggable={canMove && !phoneStages}
            stages={canMove && phoneStages ? phoneStages.filter((s) => s.id !== stage.id) : null}
            onOpen={() => onOpen(card.id)}
            onMove={(s) => onDropCard(card.id, s)}
          />
        ))}
        {!items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.empty_column')} />}
        {cursor && (
          <Button
            type="link"
            loading={loading}
            onClick={async () => {
              setLoading(true);
              try {
                const page = await loadMoreCards(typeId, stage.id, cursor);
                onLoaded({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
              } catch (e) {
                message.error((e as Error).message);
              } finally {
                setLoading(false);
              }
            }}
          >
            {t('common.load_more')}
          </Button>
        )}
      </Flex>
    </section>
  );
}

/** 商机看板: one column per stage of a business type, drag a card to move it; tabs on phones. */
export function OpportunitiesPage() {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const types = useBusinessTypes();
  const [typeId, setTypeId] = useState<string>();
  const board = useKanban(typeId);
  const move = useMoveStage();
  const [extra, setExtra] = useState<Record<string, { items: KanbanCard[]; nextCursor: string | null }>>({});
  const [drawer, setDrawer] = useState<{ open: boolean; record: Opportunity | null }>({ open: false, record: null });
  const [detailId, setDetailId] = useState<string | null>(null);
  const [lost, setLost] = useState<{ id: string; stage: Stage } | null>(null);
  const [lostForm] = Form.useForm<{ lossReason: string }>();
  const [phoneTab, setPhoneTab] = useState<string>();

  useEffect(() => {
    if (!typeId && types.data?.[0]) setTypeId(types.data[0].id);
  }, [types.data, typeId]);
  // A fresh board replaces the pages loaded on top of the old one.
  useEffect(() => {
    if (board.data) setExtra({});
  }, [board.data]);

  const type = types.data?.find((x) => x.id === typeId);
  const canMove = can('opportunities.edit');

  const doMove = (id: string, stage: Stage, lossReason?: string) =>
    move.mutate(
      { id, stageId: stage.id, lossReason },
      {
        onSuccess: () => {
          message.success(t('opportunities.moved', { stage: stage.name }));
          setLost(null);
        },
        onError: (e) => message.error(e.message),
      },
    );
  const onDropCard = (id: string, stage: Stage) => {
    const from = board.data?.columns.find((c) =>
      [...c.items, ...(extra[c.stage.id]?.items ?? [])].some((x) => x.id === id),
    );
    if (from?.stage.id === stage.id) return;
    if (stage.kind === 'lost') {
      lostForm.resetFields();
      setLost({ id, stage });
    } else doMove(id, stage);
  };

  if (types.data && !types.data.length) {
    return (
      <>
        <PageHeader title={t('opportunities.title')} />
        <Result
          status="info"
          title={t('opportunities.no_types')}
          extra={
            can('opportunity_types.manage') && (
              <Link to="/opportunities/settings">
                <Button type="primary">{t('opportunities.types')}</Button>
              </Link>
            )
          }
        />
      </>
    );
  }

  const columns = board.data?.columns ?? [];
  const column = (c: KanbanColumn, phone: boolean) => (
    <Column
      key={c.stage.id}
      column={c}
      typeId={typeId ?? ''}
      extra={extra[c.stage.id]}
      canMove={canMove}
      phoneStages={phone ? (type?.stages ?? []) : null}
      onLoaded={(page) => setExtra((prev) => ({ ...prev, [c.stage.id]: page }))}
      onOpen={setDetailId}
      onDropCard={onDropCard}
    />
  );

  return (
    <>
      <PageHeader
        title={t('opportunities.title')}
        subtitle={!isPhone && t('opportunities.subtitle')}
        extra={
          <>
            <Select
              style={{ minWidth: 160 }}
              value={typeId}
              onChange={setTypeId}
              options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              aria-label={t('opportunities.type')}
            />
            {(can('opportunity_types.manage') || can('competitors.view')) && (
              <Link to="/opportunities/settings">
                <Button icon={<SettingOutlined />}>{!isPhone && t('opportunities.types')}</Button>
              </Link>
            )}
            {can('opportunities.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, record: null })}>
                {t('opportunities.create')}
              </Button>
            )}
          </>
        }
      />
      {(types.isError || board.isError) && (
        <Alert type="error" showIcon title={(types.error ?? board.error)?.message} style={{ marginBottom: 12 }} />
      )}
      {!board.data ? (
        <Skeleton active />
      ) : isPhone ? (
        <Tabs
          activeKey={phoneTab ?? columns[0]?.stage.id}
          onChange={setPhoneTab}
          items={columns.map((c) => ({
            key: c.stage.id,
            label: `${c.stage.name} ${c.count}`,
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {c.stage.probability}% · ¥{formatMoney(c.amount)} ·{' '}
                  {t('opportunities.weighted', { amount: `¥${formatMoney(c.weightedAmount)}` })}
                </Typography.Paragraph>
                {column(c, true)}
              </>
            ),
          }))}
        />
      ) : (
        <div style={{ overflowX: 'auto', paddingBottom: 8 }}>
          <Flex gap={12} align="flex-start" style={{ minWidth: 'max-content' }}>
            {columns.map((c) => column(c, false))}
          </Flex>
        </div>
      )}
      <OpportunityDrawer
        open={drawer.open}
        record={drawer.record}
        types={types.data ?? []}
        defaultTypeId={typeId}
        onClose={() => setDrawer({ open: false, record: null })}
      />
      <OpportunityDetail
        id={detailId}
        onClose={() => setDetailId(null)}
        onEdit={(o) => {
          setDetailId(null);
          setDrawer({ open: true, record: o });
        }}
      />
      <Modal
        open={Boolean(lost)}
        title={t('opportunities.lost_title')}
        onCancel={() => setLost(null)}
        onOk={() => lostForm.submit()}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={move.isPending}
        destroyOnHidden
      >
        <Form form={lostForm} layout="vertical" onFinish={(v) => lost && doMove(lost.id, lost.stage, v.lossReason)}>
          <Form.Item name="lossReason" label={t('opportunities.field.lossReason')} rules={[{ required: true }]}>
            {board.data?.type.lossReasons.length ? (
              <Select options={board.data.type.lossReasons.map((r) => ({ value: r, label: r }))} />
            ) : (
              <Input maxLength={200} />
            )}
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
