import type { resubmitZh } from './resubmit.zh.ts';

export const resubmitEn: Readonly<Record<keyof typeof resubmitZh, string>> = {
  'resubmit.title': 'Edit and resubmit',
  'resubmit.notNeeded': 'This application does not need resubmitting now',
  'resubmit.viewDetail': 'View the application',
  'resubmit.serialNo': 'Serial no. {serialNo}',
  'resubmit.reason': 'Sent back by {name}: {opinion}',
  'resubmit.approver': 'the approver',
  'resubmit.formTitle': 'Edit the application',
  'resubmit.submit': 'Resubmit',
  'resubmit.done': 'Resubmitted',

  'resubmit.confirm.title': 'Check your changes',
  'resubmit.confirm.count': 'Compared with the application that was sent back, {count} field(s) changed:',
  'resubmit.confirm.unchangedTitle': 'Resubmit without changes?',
  'resubmit.confirm.unchangedText': 'Nothing differs from the application that was sent back. Go back to edit it, or resubmit it as it is.',
  'resubmit.confirm.send': 'Resubmit',
  'resubmit.confirm.sendUnchanged': 'Resubmit anyway',
  'resubmit.confirm.back': 'Back to editing',

  'resubmit.changes': 'Changes',
  'resubmit.unchanged': 'Nothing changed',
  'resubmit.labelled': '{label}: ',
  'resubmit.cell': '{column} {value}',
  'resubmit.row.changed': 'Row {row}: ',
  'resubmit.row.added': 'Added row {row}: ',
  'resubmit.row.removed': 'Removed row {row}: ',
  'resubmit.files.added': 'Added {names}',
  'resubmit.files.removed': 'Removed {names}',
  'resubmit.signature': 'Signed again',
  'resubmit.separator': '; ',
};
