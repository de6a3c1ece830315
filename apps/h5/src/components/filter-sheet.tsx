import { useState } from 'react';
import { Button, DatePicker, Selector } from 'antd-mobile';
import type { ListServicesDto } from '@onehall/contracts';
import type { ListFilters } from './list-filters.tsx';
import { t } from '../i18n/translate.ts';
import { inSentence } from '../lib/form-text.ts';

/** A Date picked on the phone as the day it shows (the hall's phones keep Shanghai time). */
function toDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function fromDay(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const [year, month, date] = text.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

export interface FilterSheetProps {
  services: ListServicesDto['services'] | null;
  filters: ListFilters;
  dateLabel: string;
  onCancel: () => void;
  onConfirm: (filters: ListFilters) => void;
}

/** 筛选: 服务 and the days, chosen together and applied with 确定. */
export function FilterSheet({ services, filters, dateLabel, onCancel, onConfirm }: FilterSheetProps) {
  const [draft, setDraft] = useState<ListFilters>(filters);
  const [picking, setPicking] = useState<'from' | 'to' | null>(null);
  const reversed = draft.from !== undefined && draft.to !== undefined && draft.from > draft.to;
  const today = new Date();

  return (
    <div role="dialog" aria-labelledby="filter-title" className="filter-sheet">
      <h2 className="filter-sheet__title" id="filter-title">
        {t('components.filters.open')}
      </h2>
      <section aria-labelledby="filter-service">
        <h3 className="filter-sheet__label" id="filter-service">
          {t('components.filters.service')}
        </h3>
        {services === null ? (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        ) : services.length === 0 ? (
          <p className="muted">{t('components.filters.noServices')}</p>
        ) : (
          <Selector
            columns={2}
            options={[{ label: t('components.filters.allServices'), value: '' }, ...services.map((service) => ({ label: service.name, value: service.id }))]}
            value={[draft.serviceId ?? '']}
            onChange={(values) => setDraft({ ...draft, serviceId: values[0] || undefined })}
          />
        )}
      </section>
      <section aria-labelledby="filter-days">
        <h3 className="filter-sheet__label" id="filter-days">
          {dateLabel}
        </h3>
        <div className="filter-sheet__days">
          <DayButton label={t('components.startDate')} value={draft.from} onPick={() => setPicking('from')} onClear={() => setDraft({ ...draft, from: undefined })} />
          <span aria-hidden="true">{t('components.dateTo')}</span>
          <DayButton label={t('components.endDate')} value={draft.to} onPick={() => setPicking('to')} onClear={() => setDraft({ ...draft, to: undefined })} />
        </div>
        {reversed && (
          <p className="form-error" role="alert">
            {t('components.filters.reversed')}
          </p>
        )}
      </section>
      <div className="filter-sheet__actions">
        <Button block onClick={() => setDraft({})}>
          {t('components.filters.reset')}
        </Button>
        <Button block fill="outline" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button block color="primary" disabled={reversed} onClick={() => onConfirm(draft)}>
          {t('common.confirm')}
        </Button>
      </div>
      <DatePicker
        visible={picking !== null}
        title={t(picking === 'from' ? 'components.startDate' : 'components.endDate')}
        precision="day"
        min={new Date(2020, 0, 1)}
        max={today}
        value={fromDay(picking === 'from' ? draft.from : draft.to) ?? today}
        onClose={() => setPicking(null)}
        onConfirm={(value) => {
          if (picking) setDraft({ ...draft, [picking]: toDay(value) });
          setPicking(null);
        }}
      />
    </div>
  );
}

function DayButton({ label, value, onPick, onClear }: { label: string; value: string | undefined; onPick: () => void; onClear: () => void }) {
  return (
    <span className="filter-sheet__day">
      <button type="button" className={value ? 'filter-sheet__day-button' : 'filter-sheet__day-button muted'} onClick={onPick} aria-label={value ? t('components.labelled', { label, value }) : label}>
        {value ?? label}
      </button>
      {value && (
        <button type="button" className="link-button" onClick={onClear} aria-label={t('components.filters.clearDay', { label: inSentence(label) })}>
          ×
        </button>
      )}
    </span>
  );
}
