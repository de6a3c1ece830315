import { useState } from 'react';
import { Button, DatePicker, Selector } from 'antd-mobile';
import type { ListServicesDto } from '@onehall/contracts';
import type { ListFilters } from './list-filters.tsx';

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
    <div role="dialog" aria-label="筛选" className="filter-sheet">
      <h2 className="filter-sheet__title">筛选</h2>
      <section aria-labelledby="filter-service">
        <h3 className="filter-sheet__label" id="filter-service">
          服务
        </h3>
        {services === null ? (
          <p className="muted">加载中…</p>
        ) : services.length === 0 ? (
          <p className="muted">暂无可选的服务</p>
        ) : (
          <Selector
            columns={2}
            options={[{ label: '全部服务', value: '' }, ...services.map((service) => ({ label: service.name, value: service.id }))]}
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
          <DayButton label="开始日期" value={draft.from} onPick={() => setPicking('from')} onClear={() => setDraft({ ...draft, from: undefined })} />
          <span aria-hidden="true">至</span>
          <DayButton label="结束日期" value={draft.to} onPick={() => setPicking('to')} onClear={() => setDraft({ ...draft, to: undefined })} />
        </div>
        {reversed && (
          <p className="form-error" role="alert">
            开始日期不能晚于结束日期
          </p>
        )}
      </section>
      <div className="filter-sheet__actions">
        <Button block onClick={() => setDraft({})}>
          重置
        </Button>
        <Button block fill="outline" onClick={onCancel}>
          取消
        </Button>
        <Button block color="primary" disabled={reversed} onClick={() => onConfirm(draft)}>
          确定
        </Button>
      </div>
      <DatePicker
        visible={picking !== null}
        title={picking === 'from' ? '开始日期' : '结束日期'}
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
      <button type="button" className={value ? 'filter-sheet__day-button' : 'filter-sheet__day-button muted'} onClick={onPick} aria-label={value ? `${label}：${value}` : label}>
        {value ?? label}
      </button>
      {value && (
        <button type="button" className="link-button" onClick={onClear} aria-label={`清除${label}`}>
          ×
        </button>
      )}
    </span>
  );
}
