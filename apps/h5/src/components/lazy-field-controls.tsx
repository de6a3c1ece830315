import { lazy, Suspense, type ComponentProps } from 'react';
import type { DepartmentPicker as DepartmentPickerNow } from './department-picker.tsx';
import type { FileField as FileFieldNow } from './file-field.tsx';
import type { PersonField as PersonFieldNow } from './person-field.tsx';
import type { SignatureField as SignatureFieldNow } from './signature-field.tsx';
import type { TableField as TableFieldNow } from './table-field.tsx';

/*
 * The field controls most forms do not have — a department or a person, an
 * attachment or an image, a signature, a detail table — fetched when a form
 * that has one is drawn, so that the others (a leave request: dates, a
 * select, a reason) do not download the uploader, the signature pad or the
 * person search. Same names and props as the controls themselves.
 *
 * While one is fetched, an empty box of about the control's empty height
 * stands in its place, so the fields below do not jump when it arrives.
 */

const DepartmentPickerLater = lazy(() => import('./department-picker.tsx').then((m) => ({ default: m.DepartmentPicker })));
const FileFieldLater = lazy(() => import('./file-field.tsx').then((m) => ({ default: m.FileField })));
const PersonFieldLater = lazy(() => import('./person-field.tsx').then((m) => ({ default: m.PersonField })));
const SignatureFieldLater = lazy(() => import('./signature-field.tsx').then((m) => ({ default: m.SignatureField })));
const TableFieldLater = lazy(() => import('./table-field.tsx').then((m) => ({ default: m.TableField })));

/** Heights, in CSS pixels, of the controls on a new form (measured in the e2e tests' phone viewport, 差旅报销 and 请假申请). */
const emptyHeight = {
  /** The picker button. */
  picker: 24,
  /** The person chooser's search box. */
  person: 43,
  /** The upload button with its hint. */
  file: 64,
  /** The 签名 button. */
  signature: 29,
  /** A detail table: per row its title, padding and margin, and per column a label with a control; then 添加一行, and 合计 under number and money columns. */
  tableRow: 56,
  tableCell: 59,
  tableAdd: 29,
  tableTotals: 32,
} as const;

function Pending({ height }: { height: number }) {
  return <div className="form-field__pending" style={{ minHeight: height }} aria-busy="true" />;
}

export function DepartmentPicker(props: ComponentProps<typeof DepartmentPickerNow>) {
  return (
    <Suspense fallback={<Pending height={emptyHeight.picker} />}>
      <DepartmentPickerLater {...props} />
    </Suspense>
  );
}

export function FileField(props: ComponentProps<typeof FileFieldNow>) {
  return (
    <Suspense fallback={<Pending height={emptyHeight.file} />}>
      <FileFieldLater {...props} />
    </Suspense>
  );
}

export function PersonField(props: ComponentProps<typeof PersonFieldNow>) {
  return (
    <Suspense fallback={<Pending height={emptyHeight.person} />}>
      <PersonFieldLater {...props} />
    </Suspense>
  );
}

export function SignatureField(props: ComponentProps<typeof SignatureFieldNow>) {
  return (
    <Suspense fallback={<Pending height={emptyHeight.signature} />}>
      <SignatureFieldLater {...props} />
    </Suspense>
  );
}

export function TableField(props: ComponentProps<typeof TableFieldNow>) {
  const rows = Math.max(1, Array.isArray(props.value) ? props.value.length : 0);
  const summed = props.field.columns.some((column) => column.type === 'number' || column.type === 'money');
  const height = rows * (emptyHeight.tableRow + props.field.columns.length * emptyHeight.tableCell) + emptyHeight.tableAdd + (summed ? emptyHeight.tableTotals : 0);
  return (
    <Suspense fallback={<Pending height={height} />}>
      <TableFieldLater {...props} />
    </Suspense>
  );
}
