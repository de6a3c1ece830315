import { useState } from 'react';
import { ImageViewer } from './overlays.tsx';
import type { FormRefsDto } from '@onehall/contracts';
import { fileUrl, isPreviewableImage } from '@onehall/contracts/plain';
import { sumTableColumns, type FileRef, type FormField, type TableRow } from '@onehall/forms';
import { displayValue, formatAmount } from '../lib/display-value.ts';
import { t } from '../i18n/translate.ts';
import { labelOf } from '../lib/form-text.ts';
import { formatFileSize } from './file-upload.tsx';
import '../styles/form-fields.css';

const isFileRef = (value: unknown): value is FileRef => typeof value === 'object' && value !== null && 'id' in value && 'name' in value && 'size' in value;
const filesOf = (value: unknown): FileRef[] => (Array.isArray(value) ? value.filter(isFileRef) : []);

/** Values drawn under their label rather than beside it: tables, pictures, files, signatures. */
export function isBlockValue(field: FormField): boolean {
  return field.type === 'table' || field.type === 'image' || field.type === 'attachment' || field.type === 'signature';
}

/** A detail table as a small table, with the sums of its number and money columns (合计). */
function ValueTable({ field, rows }: { field: Extract<FormField, { type: 'table' }>; rows: TableRow[] }) {
  if (rows.length === 0) return <>—</>;
  const totals = sumTableColumns(field, rows);
  const summed = field.columns.filter((column) => column.type === 'number' || column.type === 'money');
  return (
    <div className="value-table__scroll">
      <table className="value-table">
        <thead>
          <tr>
            <th scope="col">{t('components.form.rowNo')}</th>
            {field.columns.map((column) => (
              <th key={column.key} scope="col">
                {labelOf(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td>{index + 1}</td>
              {field.columns.map((column) => (
                <td key={column.key} className={column.type === 'money' || column.type === 'number' ? 'value-table__number' : undefined}>
                  {displayValue(column, row[column.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {summed.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">{t('components.form.total')}</th>
              {field.columns.map((column) => (
                <td key={column.key} className="value-table__number">
                  {column.type === 'money' ? formatAmount(String(totals[column.key])) : column.type === 'number' ? String(totals[column.key]) : ''}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** Pictures as thumbnails; a tap opens them full screen, swiping between them. */
function Pictures({ files, label }: { files: FileRef[]; label: string }) {
  const [open, setOpen] = useState<number | null>(null);
  const pictures = files.filter((file) => isPreviewableImage(file.type));
  const others = files.filter((file) => !isPreviewableImage(file.type));
  return (
    <>
      <ul className="value-pictures" aria-label={label}>
        {pictures.map((file, index) => (
          <li key={file.id}>
            <button type="button" className="value-pictures__thumb" aria-label={t('components.form.view', { name: file.name })} onClick={() => setOpen(index)}>
              <img src={fileUrl(file.id)} alt={file.name} loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 && <FileLinks files={others} />}
      {open !== null && <ImageViewer.Multi images={pictures.map((file) => fileUrl(file.id))} defaultIndex={open} visible onClose={() => setOpen(null)} />}
    </>
  );
}

/** Files as links to GET /api/files/:id (which checks, each time, that the viewer may see them). */
function FileLinks({ files }: { files: FileRef[] }) {
  return (
    <ul className="value-files">
      {files.map((file) => (
        <li key={file.id}>
          <a href={fileUrl(file.id)} target="_blank" rel="noopener">
            {file.name}
          </a>
          <span className="value-files__size">{formatFileSize(file.size)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A stored value on the detail page, readable by type: text as
 * displayValue writes it, a table as a table with its sums, pictures as
 * thumbnails, files as links, a signature as its image.
 */
export function FieldValue({ field, value, refs }: { field: FormField; value: unknown; refs?: FormRefsDto | undefined }) {
  if (field.type === 'table') return <ValueTable field={field} rows={Array.isArray(value) ? (value as TableRow[]) : []} />;
  if (field.type === 'image' || field.type === 'attachment') {
    const files = filesOf(value);
    if (files.length === 0) return <>—</>;
    return field.type === 'image' ? <Pictures files={files} label={labelOf(field)} /> : <FileLinks files={files} />;
  }
  if (field.type === 'signature') {
    return isFileRef(value) ? <img className="value-signature" src={fileUrl(value.id)} alt={t('components.form.signatureImage', { label: labelOf(field) })} /> : <>—</>;
  }
  return <>{displayValue(field, value, refs)}</>;
}
