import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { useCan } from '../auth/index.ts';
import { useQuotes } from './api.ts';
import './messages.ts';
import { formatMoney } from './money.ts';
import { StatusTag } from './QuotesListPage.tsx';

/** The 报价 tab of an opportunity: its quotes (those the user may see) and a shortcut to quote it. */
export function OpportunityQuotes({ opportunityId, customerId }: { opportunityId: string; customerId: string }) {
  const t = useT();
  const can = useCan();
  const list = useQuotes({ opportunityId }, can('quotes.view'));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (!can('quotes.view')) return null;
  return (
    <Flex vertical gap={8}>
      {can('quotes.create') && (
        <Link to={`/quotes/new?customerId=${customerId}&opportunityId=${opportunityId}`}>
          <Button icon={<PlusOutlined />} size="small">
            {t('quotes.new')}
          </Button>
        </Link>
      )}
      {list.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('quotes.empty')} />
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(r) => (
            <List.Item>
              <Flex justify="space-between" style={{ width: '100%' }} gap={8} wrap>
                <span>
                  <Link to={`/quotes/${r.id}`}>{r.number}</Link>
                  {r.title && <Typography.Text type="secondary"> · {r.title}</Typography.Text>}
                </span>
                <span>
                  <StatusTag q={r} /> ¥{formatMoney(r.total)}
                </span>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
