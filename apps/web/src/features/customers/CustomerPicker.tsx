import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useDeferredValue, useState } from 'react';
import { listCustomers } from './api.ts';

/** Search a visible customer by name (e.g. to set a parent company). */
export function CustomerPicker({
  exclude = [],
  ...rest
}: Omit<SelectProps<string>, 'options' | 'showSearch'> & { exclude?: string[] }) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useQuery({
    queryKey: ['customers', 'pick', q],
    queryFn: () => listCustomers({ view: 'all', q: q || undefined, limit: 20 }),
    staleTime: 15_000,
    retry: false,
  });
  const options = (query.data?.items ?? [])
    .filter((c) => !exclude.includes(c.id))
    .map((c) => ({ value: c.id, label: c.name }));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      options={options}
      notFoundContent={query.isFetching ? <Spin size="small" /> : undefined}
      {...rest}
    />
  );
}
