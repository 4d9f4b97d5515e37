import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Input, Modal } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../ui/api.ts';
import { useT } from '../../ui/i18n.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import './messages.ts';

interface Hit {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
}

function SearchBox({ autoFocus, onDone }: { autoFocus?: boolean; onDone?: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const search = useQuery({
    queryKey: ['search', q],
    queryFn: () => api<{ items: Hit[] }>('/api/v1/search', { query: { q } }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    retry: false,
  });
  const groups = new Map<string, Hit[]>();
  for (const h of search.data?.items ?? []) groups.set(h.type, [...(groups.get(h.type) ?? []), h]);
  const groupLabel = (type: string) => {
    const key = `search.type.${type}`;
    const label = t(key);
    return label === key ? type : label;
  };
  const options = [...groups].map(([type, hits]) => ({
    label: groupLabel(type),
    options: hits.map((h) => ({
      value: h.url,
      label: (
        <div data-testid="search-hit">
          <div>{h.title}</div>
          {h.subtitle && <div style={{ fontSize: 12, color: '#999' }}>{h.subtitle}</div>}
        </div>
      ),
    })),
  }));
  const notFound = !q
    ? undefined
    : search.isError
      ? t('search.unavailable')
      : search.isSuccess && !search.data.items.length
        ? t('search.empty', { q })
        : undefined;
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={(url: string) => {
        setText('');
        onDone?.();
        navigate(url);
      }}
      notFoundContent={notFound}
      popupMatchSelectWidth={320}
      style={{ width: '100%' }}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        allowClear
        autoFocus={autoFocus}
        aria-label={t('search.open')}
        data-testid="global-search"
      />
    </AutoComplete>
  );
}

/** Search across customers and contacts (and later modules), grouped by type; a button and a dialog on phones. */
export function GlobalSearch() {
  const t = useT();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  if (!isPhone)
    return (
      <div style={{ width: 260, lineHeight: 'normal', display: 'flex', alignItems: 'center' }}>
        <SearchBox />
      </div>
    );
  return (
    <>
      <Button type="text" icon={<SearchOutlined />} aria-label={t('search.open')} onClick={() => setOpen(true)} />
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('search.open')} destroyOnHidden>
        <SearchBox autoFocus onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
