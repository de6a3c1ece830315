/**
 * 重新提交 after a send-back (pages/resubmit-page.tsx) and what a
 * resubmission changed, on that page and in the approval record
 * (components/resubmit-changes.tsx).
 */
export const resubmitZh = {
  // The page
  'resubmit.title': '修改并重新提交',
  'resubmit.notNeeded': '该申请当前无需重新提交',
  'resubmit.viewDetail': '查看申请详情',
  'resubmit.serialNo': '流水号 {serialNo}',
  'resubmit.reason': '退回意见（{name}）：{opinion}',
  'resubmit.approver': '审批人',
  'resubmit.formTitle': '修改申请',
  'resubmit.submit': '重新提交',
  'resubmit.done': '已重新提交',

  // The confirm step: what changed since the application was sent back
  'resubmit.confirm.title': '确认修改内容',
  'resubmit.confirm.count': '与退回时的申请相比，修改了 {count} 项：',
  'resubmit.confirm.unchangedTitle': '提交未修改的内容？',
  'resubmit.confirm.unchangedText': '与退回时的申请相比，没有修改任何内容。可以返回修改，也可以原样重新提交。',
  'resubmit.confirm.send': '确认重新提交',
  'resubmit.confirm.sendUnchanged': '仍然提交',
  'resubmit.confirm.back': '返回修改',

  // A resubmission's changes, field by field
  'resubmit.changes': '修改内容',
  'resubmit.unchanged': '未修改内容',
  'resubmit.labelled': '{label}：',
  'resubmit.cell': '{column} {value}',
  'resubmit.row.changed': '第 {row} 行：',
  'resubmit.row.added': '新增第 {row} 行：',
  'resubmit.row.removed': '删除原第 {row} 行：',
  'resubmit.files.added': '新增 {names}',
  'resubmit.files.removed': '删除 {names}',
  'resubmit.signature': '重新签名',
  'resubmit.separator': '；',
} as const;
