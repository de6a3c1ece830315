import { useEffect, useMemo, useState } from 'react';
import { Button } from 'antd-mobile';
import { Popup } from './overlays.tsx';
import type { DepartmentOptionDto } from '@onehall/contracts';
import type { FormField } from '@onehall/forms';
import { hallApi } from '../api/hall-api.ts';
import { t } from '../i18n/translate.ts';
import { joinList, labelOf } from '../lib/form-text.ts';
import type { DraftValue } from '../lib/form-values.ts';
import { PickerButton, type AriaProps } from './field-choices.tsx';

type DepartmentFieldDef = Extract<FormField, { type: 'department' }>;

/** A department with its place in the tree: depth for indenting, the path for search results. */
interface Placed {
  id: string;
  name: string;
  depth: number;
  path: string;
}

// The departments change rarely: one request per visit, shared by every department field.
let departments: Promise<DepartmentOptionDto[]> | null = null;
function loadDepartments(): Promise<DepartmentOptionDto[]> {
  departments ??= hallApi.getDepartments().then(
    (answer) => answer.items,
    (error: unknown) => {
      departments = null;
      throw error;
    },
  );
  return departments;
}

/** The tree in reading order (each department followed by its own), from the flat list. */
function placeTree(items: DepartmentOptionDto[]): Placed[] {
  const ids = new Set(items.map((d) => d.id));
  const children = new Map<string | null, DepartmentOptionDto[]>();
  for (const item of items) {
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const placed: Placed[] = [];
  const walk = (parent: string | null, depth: number, path: string[]) => {
    for (const item of children.get(parent) ?? []) {
      if (placed.some((p) => p.id === item.id)) continue; // a cycle in the data: shown once
      placed.push({ id: item.id, name: item.name, depth, path: [...path, item.name].join(' / ') });
      walk(item.id, depth + 1, [...path, item.name]);
    }
  };
  walk(null, 0, []);
  return placed;
}

interface DepartmentPickerProps {
  id: string;
  /** The id of the field's label: the button reads it, then what is chosen. */
  labelId: string;
  field: DepartmentFieldDef;
  value: DraftValue | undefined;
  placeholder: string;
  aria: AriaProps;
  onChange: (value: DraftValue | undefined) => void;
}

/**
 * 选择部门: a sheet with the school's departments as a tree, a search box
 * for long lists, one choice or several (`multiple`).
 */
export function DepartmentPicker({ id, labelId, field, value, placeholder, aria, onChange }: DepartmentPickerProps) {
  const [all, setAll] = useState<Placed[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value ? [value] : [];
  const [picking, setPicking] = useState<string[]>(chosen);

  // Names are needed as soon as something is chosen (a prefill, a restored draft), not only when the sheet opens.
  const needed = open || chosen.length > 0;
  useEffect(() => {
    if (!needed || all) return;
    let current = true;
    loadDepartments().then(
      (items) => current && setAll(placeTree(items)),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [needed, all]);

  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    return words ? (all ?? []).filter((d) => d.path.toLowerCase().includes(words)) : (all ?? []);
  }, [all, search]);
  const nameOf = (departmentId: string) => all?.find((d) => d.id === departmentId)?.name ?? (failed ? t('components.value.unknownDepartment') : '…');
  const text = joinList(chosen.map(nameOf));

  function confirm(ids: string[]) {
    onChange(ids.length === 0 ? undefined : field.multiple ? ids : ids[0]);
    setOpen(false);
  }

  function toggle(departmentId: string) {
    if (!field.multiple) return confirm([departmentId]);
    setPicking((list) => (list.includes(departmentId) ? list.filter((d) => d !== departmentId) : list.length >= field.maxItems ? list : [...list, departmentId]));
  }

  return (
    <>
      <PickerButton
        id={id}
        labelId={labelId}
        text={text}
        placeholder={placeholder}
        aria={aria}
        onOpen={() => {
          setPicking(chosen);
          setSearch('');
          setOpen(true);
        }}
      />
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyClassName="choice-sheet" destroyOnClose>
        <div role="dialog" aria-labelledby={`${id}-sheet-title`} className="choice-sheet__body">
          <div className="choice-sheet__header">
            <Button fill="none" size="small" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <span className="choice-sheet__title" id={`${id}-sheet-title`}>
              {labelOf(field)}
              {field.multiple ? t('components.upToDepartments', { count: field.maxItems }) : ''}
            </span>
            {field.multiple ? (
              <Button fill="none" size="small" color="primary" onClick={() => confirm(picking)}>
                {t('common.confirm')}
              </Button>
            ) : (
              <span className="choice-sheet__spacer" />
            )}
          </div>
          <input type="search" className="choice-sheet__search" placeholder={t('components.department.search')} aria-label={t('components.department.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
          {!all && !failed && <p className="choice-sheet__note" role="status">{t('components.department.loading')}</p>}
          {failed && <p className="choice-sheet__note" role="alert">{t('components.department.failed')}</p>}
          {all && shown.length === 0 && <p className="choice-sheet__note" role="status">{t('components.department.none')}</p>}
          <div className="option-list option-list--sheet" role={field.multiple ? 'group' : 'radiogroup'} aria-labelledby={`${id}-sheet-title`}>
            {shown.map((department) => {
              const checked = (field.multiple ? picking : chosen).includes(department.id);
              const optionId = `${id}-dept-${department.id}`;
              return (
                <label key={department.id} htmlFor={optionId} className={checked ? 'option-list__item option-list__item--checked' : 'option-list__item'} style={{ paddingLeft: search ? undefined : 12 + department.depth * 16 }}>
                  <input type={field.multiple ? 'checkbox' : 'radio'} id={optionId} name={`${id}-dept`} className="option-list__input" checked={checked} onChange={() => toggle(department.id)} />
                  <span>{search ? department.path : department.name}</span>
                </label>
              );
            })}
          </div>
        </div>
      </Popup>
    </>
  );
}
