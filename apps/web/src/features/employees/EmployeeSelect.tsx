import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useDeferredValue, useState } from 'react';
import { type Employee, listEmployees } from './api.ts';

interface Props extends Omit<SelectProps<string | null>, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> {
  /** Ids that may not be picked (e.g. the employee being disabled). */
  exclude?: string[];
  /** A label for the current value before the search has loaded it. */
  currentLabel?: string | null;
}

/** Pick an active colleague, searched on the server (only those the user may see). */
export function EmployeeSelect({ exclude = [], currentLabel, value, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useQuery({
    queryKey: ['employees', 'pick', q],
    queryFn: () => listEmployees({ q: q || undefined, status: 'active', limit: 20 }),
    staleTime: 15_000,
  });
  const items: Employee[] = query.data?.items ?? [];
  const options = items
    .filter((e) => !exclude.includes(e.id))
    .map((e) => ({
      value: e.id,
      label: e.name,
      title: [e.name, e.departmentName, e.positionTitle].filter(Boolean).join(' · '),
    }));
  if (value && currentLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: currentLabel, title: currentLabel });
  }
  return (
    <Select<string | null>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          <span style={{ color: '#999', marginInlineStart: 8, fontSize: 12 }}>
            {String(o.data.title ?? '')
              .split(' · ')
              .slice(1)
              .join(' · ')}
          </span>
        </span>
      )}
      notFoundContent={query.isFetching ? <Spin size="small" /> : undefined}
      {...rest}
    />
  );
}
