import { describe, expect, it } from 'vitest';
import type { TimelineEntryDto } from '@onehall/contracts';
import { formSchema } from '@onehall/forms';
import { changesForViewer, recordedChanges } from './workflow.changes.ts';

const form = formSchema.parse({
  fields: [
    { key: 'title', label: '标题', type: 'text' },
    { key: 'period', label: '期间', type: 'dateRange' },
    { key: 'salary', label: '月薪', type: 'money' },
  ],
});

describe('a resubmit’s recorded changes', () => {
  it('labels them in the form’s order and drops entries that only had their keys reordered (recorded before values were compared as values)', () => {
    const detail = {
      changes: [
        { key: 'salary', from: '1.00', to: '2.00' },
        { key: 'period', from: { end: '2026-03-06', days: 5, start: '2026-03-02' }, to: { start: '2026-03-02', end: '2026-03-06', days: 5 } },
        { key: 'gone', from: 'x', to: null },
        { key: 'title', from: null, to: '新' },
      ],
    };
    expect(recordedChanges({ action: 'resubmit', detail }, form)).toEqual({
      changes: [
        { key: 'title', label: '标题', from: null, to: '新' },
        { key: 'salary', label: '月薪', from: '1.00', to: '2.00' },
        { key: 'gone', label: 'gone', from: 'x', to: null },
      ],
      unchanged: false,
    });
  });

  it('says unchanged only for a resubmit that recorded its changes', () => {
    expect(recordedChanges({ action: 'resubmit', detail: { changes: [] } }, form)).toEqual({ changes: [], unchanged: true });
    expect(recordedChanges({ action: 'resubmit', detail: null }, form)).toEqual({ changes: [] });
    expect(recordedChanges({ action: 'approve', detail: null }, form)).toEqual({ changes: [] });
  });

  it('answers a viewer without the fields hidden at their step, and does not tell them whether anything else changed', () => {
    const entry = { action: 'resubmit', changes: [{ key: 'salary', label: '月薪', from: '1.00', to: '2.00' }], unchanged: false } as TimelineEntryDto;
    expect(changesForViewer(entry, new Set())).toEqual({ changes: entry.changes, unchanged: false });
    expect(changesForViewer(entry, new Set(['salary']))).toEqual({ changes: [], unchanged: undefined });
    expect(changesForViewer({ ...entry, changes: [], unchanged: true }, new Set(['title']))).toEqual({ changes: [], unchanged: undefined });
  });
});
