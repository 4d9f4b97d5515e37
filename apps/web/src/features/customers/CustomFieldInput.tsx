import { DatePicker, Input, InputNumber, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { EmployeeSelect } from '../employees/EmployeeSelect.tsx';
import type { CustomField } from './api.ts';

interface Props {
  field: CustomField;
  value?: unknown;
  onChange?: (value: unknown) => void;
  /** In filters a select is single-choice and dates are not needed as pickers. */
  mode?: 'form' | 'filter';
}

/** The input for one custom field, by its type. Dates travel as YYYY-MM-DD. */
export function CustomFieldInput({ field, value, onChange, mode = 'form' }: Props) {
  const common = { 'aria-label': field.label, style: { width: '100%' } };
  switch (field.type) {
    case 'number':
    case 'money':
      return (
        <InputNumber
          {...common}
          value={value as number | null}
          onChange={(v) => onChange?.(v)}
          precision={field.type === 'money' ? 2 : undefined}
          prefix={field.type === 'money' ? '¥' : undefined}
        />
      );
    case 'date':
      return (
        <DatePicker
          {...common}
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...common}
          allowClear
          mode={field.type === 'multiselect' && mode === 'form' ? 'multiple' : undefined}
          value={value as string | string[] | undefined}
          onChange={(v) => onChange?.(v)}
          options={field.options.map((o) => ({ value: o, label: o }))}
        />
      );
    case 'user':
      return <EmployeeSelect {...common} value={(value as string) ?? null} onChange={(v) => onChange?.(v)} />;
    case 'attachment':
      return <Input {...common} disabled placeholder="—" />;
    default:
      return (
        <Input
          {...common}
          value={(value as string) ?? ''}
          onChange={(e) => onChange?.(e.target.value)}
          inputMode={field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : undefined}
        />
      );
  }
}

export function formatCustomValue(field: CustomField, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => <Tag key={String(v)}>{String(v)}</Tag>);
  if (field.type === 'money' && typeof value === 'number')
    return `¥${value.toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
