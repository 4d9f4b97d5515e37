import { defineMessages } from '../../platform/i18n/i18n.ts';

export { IMPORT_JOB, registerImportJobs, runImport } from './imports.job.ts';
export { importRoutes } from './imports.routes.ts';
export { importJobs, importRows } from './imports.table.ts';

defineMessages({
  'imports.bad_file': { 'zh-CN': '文件已损坏或格式不对', en: 'The file is damaged or not in the expected format' },
  'imports.unsupported_type': { 'zh-CN': '只支持 .csv 和 .xlsx 文件', en: 'Only .csv and .xlsx files are supported' },
  'imports.empty_file': { 'zh-CN': '文件是空的', en: 'The file is empty' },
  'imports.no_rows': { 'zh-CN': '文件只有表头，没有数据行', en: 'The file has a header but no data rows' },
  'imports.too_many_rows': {
    'zh-CN': '一次最多导入 {max} 行，请拆分文件',
    en: 'At most {max} rows per import; split the file',
  },
  'imports.too_large': { 'zh-CN': '文件不能超过 {max}', en: 'The file may not exceed {max}' },
  'imports.mapped_twice': { 'zh-CN': '同一个字段只能对应一列', en: 'Each field may be mapped from one column only' },
  'imports.name_required': { 'zh-CN': '请为“客户名称”选择一列', en: 'Choose the column holding the customer name' },
  'imports.owner_or_pool': { 'zh-CN': '负责人和公海只能选一个', en: 'Choose either an owner or a pool, not both' },
  'imports.already_started': { 'zh-CN': '该导入已经开始', en: 'This import has already started' },
  'imports.owner_label': { 'zh-CN': '负责人', en: 'Owner' },
  'imports.owner_not_found': { 'zh-CN': '找不到员工“{ref}”', en: 'No employee "{ref}"' },
  'imports.owner_ambiguous': {
    'zh-CN': '有多名员工叫“{ref}”，请改用手机号或邮箱',
    en: 'Several employees are called "{ref}"; use their mobile or e-mail',
  },
  'imports.duplicate_of': {
    'zh-CN': '与已有客户“{name}”（负责人：{owner}）重复（{on}），已跳过',
    en: 'Duplicate of the existing customer "{name}" (owner: {owner}) by {on}; skipped',
  },
  'imports.duplicate_in_file': {
    'zh-CN': '与文件中第 {row} 行重复，已跳过',
    en: 'Duplicate of row {row} of the file; skipped',
  },
  'imports.many_matches': {
    'zh-CN': '匹配到 {count} 个已有客户，无法确定更新哪一个',
    en: '{count} existing customers match; cannot tell which one to update',
  },
  'imports.not_writable': {
    'zh-CN': '与已有客户“{name}”（负责人：{owner}）重复，您无权修改它，已跳过',
    en: 'Duplicate of "{name}" (owner: {owner}), which you may not change; skipped',
  },
  'imports.in_pool': { 'zh-CN': '公海', en: 'public pool' },
  'imports.report_sheet': { 'zh-CN': '导入错误', en: 'Import errors' },
  'imports.reason_column': { 'zh-CN': '错误原因', en: 'Error' },
  'imports.row_column': { 'zh-CN': '原行号', en: 'Row' },
  'imports.report_suffix': { 'zh-CN': '错误报告', en: 'errors' },
  'imports.template_name': { 'zh-CN': '客户导入模板', en: 'customer-import-template' },
  'imports.template_sheet': { 'zh-CN': '客户', en: 'Customers' },
  'imports.export_name': { 'zh-CN': '客户导出', en: 'customers' },
  'imports.export_sheet': { 'zh-CN': '客户', en: 'Customers' },
  'imports.kind_enterprise': { 'zh-CN': '企业', en: 'Enterprise' },
  'imports.kind_individual': { 'zh-CN': '个人', en: 'Individual' },
  'imports.col_department': { 'zh-CN': '所属部门', en: 'Department' },
  'imports.col_created': { 'zh-CN': '创建时间', en: 'Created' },
  'imports.col_updated': { 'zh-CN': '更新时间', en: 'Updated' },
});
