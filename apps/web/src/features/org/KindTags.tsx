import { Tag } from 'antd';
import { useT } from '../../ui/i18n.tsx';
import type { Department } from './api.ts';

const COLORS = { company: 'blue', subsidiary: 'purple', branch: 'cyan', department: 'default' } as const;

/** 子公司 / 分支机构 / 独立核算 tags next to a department's name (plain departments get none in compact mode). */
export function KindTags({ department, compact = false }: { department: Department; compact?: boolean }) {
  const t = useT();
  const showKind = !compact || department.kind === 'subsidiary' || department.kind === 'branch';
  const style = compact
    ? { marginInlineStart: 6, marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }
    : undefined;
  return (
    <>
      {showKind && (
        <Tag color={COLORS[department.kind]} style={style}>
          {t(`org.kind.${department.kind}`)}
        </Tag>
      )}
      {department.independentAccounting && (
        <Tag color="orange" style={style}>
          {t('org.independent')}
        </Tag>
      )}
    </>
  );
}
