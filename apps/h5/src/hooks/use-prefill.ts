import { useEffect } from 'react';
import type { ServiceDetailDto } from '@onehall/contracts';
import { prefillValues, todayInShanghai, type PrefillPerson } from '@onehall/forms';
import { hallApi } from '../api/hall-api.ts';
import { toDraftValues } from '../lib/form-values.ts';
import { getMe } from '../session/session-store.ts';
import type { FormDraft } from './use-form-draft.ts';

/**
 * A new application's first values: fields declared with `prefill` get them
 * from the person applying (name, number, department, class) or from their
 * last application of this service (GET /api/services/:code/last-values),
 * checked by the package so a prefilled form never starts with an error.
 * Only blank fields are filled, and not at all when the form starts from a
 * copy or from a draft kept on the phone. The phone number is not taken
 * from the person: the hall answers it masked, even to its owner.
 */
export function usePrefill(service: ServiceDetailDto, draft: Pick<FormDraft, 'fillBlank'>, options: { skip: boolean }): void {
  const wanted = service.form.fields.filter((field) => 'prefill' in field && field.prefill !== undefined);
  const wantsLast = wanted.some((field) => 'prefill' in field && field.prefill === 'last');
  useEffect(() => {
    if (options.skip || wanted.length === 0) return;
    let current = true;
    const last = wantsLast ? hallApi.getLastValues(service.code).catch(() => null) : Promise.resolve(null);
    void last.then((answer) => {
      if (!current) return;
      const me = getMe();
      const person: PrefillPerson | null = me
        ? {
            name: me.name,
            number: me.accountNo,
            department: me.departmentId && me.departmentName ? { id: me.departmentId, name: me.departmentName } : null,
            class: me.className ? { name: me.className } : null,
            phone: null,
          }
        : null;
      const values = prefillValues(service.form, { person, last: answer?.data ?? null }, { today: todayInShanghai() });
      draft.fillBlank(toDraftValues(values, service.form));
    });
    return () => {
      current = false;
    };
    // Once per form (and again after 清空重填); `draft` changes at every render.
  }, [service.code, service.formVersion, options.skip]);
}
