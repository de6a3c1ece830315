import { Button } from 'antd-mobile';
import { sumTableColumns, type FormField, type TableRow } from '@onehall/forms';
import type { DraftRow, DraftValue } from '../lib/form-values.ts';
import { formatAmount } from '../lib/display-value.ts';
import { cellKey } from '../hooks/use-form-draft.ts';
import { SimpleControl, isLabelable } from './simple-control.tsx';
import { t } from '../i18n/translate.ts';
import { labelOf } from '../lib/form-text.ts';

type TableFieldDef = Extract<FormField, { type: 'table' }>;

interface TableFieldProps {
  id: string;
  labelId: string;
  field: TableFieldDef;
  value: DraftValue | undefined;
  today: string;
  /** Cell errors of the whole form, by `${key}.${row}.${column}`. */
  cellErrors: Record<string, string>;
  describedBy: string | undefined;
  onChange: (value: DraftValue | undefined) => void;
}

const rowsOf = (value: DraftValue | undefined): DraftRow[] => (Array.isArray(value) && value.every((row) => typeof row === 'object' && row !== null && !('id' in row && 'size' in row)) ? (value as DraftRow[]) : []);

/**
 * 明细表 on a phone: each row a card of its cells (every cell its own
 * labelled control, with its own error), 添加一行 and 删除, and the sums of
 * the number and money columns below (合计), exact as the package adds
 * them. The form starts with one empty row; completely blank rows are not
 * sent (the package drops them).
 */
export function TableField({ id, labelId, field, value, today, cellErrors, describedBy, onChange }: TableFieldProps) {
  const stored = rowsOf(value);
  const rows = stored.length > 0 ? stored : [{}];
  const totals = sumTableColumns(field, rows as TableRow[]);
  const summed = field.columns.filter((column) => column.type === 'number' || column.type === 'money');
  const label = labelOf(field);

  const setRows = (next: DraftRow[]) => onChange(next.length === 0 ? undefined : next);
  const setCell = (index: number, column: string, cell: DraftValue | undefined) =>
    setRows(
      rows.map((row, i) => {
        if (i !== index) return row;
        const next = { ...row };
        if (cell === undefined) delete next[column];
        else if (typeof cell === 'string' || typeof cell === 'boolean') next[column] = cell;
        return next;
      }),
    );

  return (
    <div className="table-field" role="group" aria-labelledby={labelId} aria-describedby={describedBy}>
      {rows.map((row, index) => {
        const rowTitleId = `${id}-row-${index}`;
        return (
          <fieldset key={index} className="table-field__row" aria-labelledby={rowTitleId}>
            <div className="table-field__row-head">
              <span className="table-field__row-title" id={rowTitleId}>
                {label} {index + 1}
              </span>
              {rows.length > 1 || stored.length > 0 ? (
                <Button size="mini" fill="none" color="danger" aria-label={t('components.form.deleteRow', { label, row: index + 1 })} onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                  {t('components.delete')}
                </Button>
              ) : null}
            </div>
            {field.columns.map((column) => {
              const cellId = index === 0 && column === field.columns[0] ? id : `${id}-${index}-${column.key}`;
              const cellLabelId = `${id}-${index}-${column.key}-label`;
              const error = cellErrors[cellKey(field.key, index, column.key)];
              const errorId = error ? `${id}-${index}-${column.key}-error` : undefined;
              return (
                <div key={column.key} className={error ? 'table-field__cell form-field--invalid' : 'table-field__cell'} data-cell={`${index}.${column.key}`}>
                  <label className="table-field__cell-label" id={cellLabelId} htmlFor={isLabelable(column.type) ? cellId : undefined}>
                    {column.required && (
                      <span className="form-field__required" aria-hidden="true">
                        *
                      </span>
                    )}
                    {labelOf(column)}
                  </label>
                  <SimpleControl
                    id={cellId}
                    labelId={cellLabelId}
                    field={column}
                    value={row[column.key]}
                    today={today}
                    aria={{ 'aria-required': column.required || undefined, 'aria-invalid': error ? true : undefined, 'aria-describedby': errorId }}
                    onChange={(cell) => setCell(index, column.key, cell)}
                  />
                  {error && (
                    <p className="form-field__error" id={errorId} role="alert">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
          </fieldset>
        );
      })}
      {rows.length < field.maxRows && (
        <Button block fill="outline" size="small" className="table-field__add" onClick={() => setRows([...rows, {}])}>
          {t('components.form.addRow')}
        </Button>
      )}
      {summed.length > 0 && (
        <dl className="table-field__totals" aria-live="polite">
          {summed.map((column) => (
            <div key={column.key} className="table-field__total">
              <dt>{t('components.form.columnTotal', { label: labelOf(column) })}</dt>
              <dd>{column.type === 'money' ? formatAmount(String(totals[column.key])) : String(totals[column.key])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
