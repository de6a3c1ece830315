import { describeError } from '../api/api-client.ts';
import type { CopySource } from '../hooks/use-copy-source.ts';
import { t } from '../i18n/translate.ts';

/** Field types whose values 再次申请 does not copy (each file belongs to one application). */
const fileTypes = new Set<string>(['attachment', 'image', 'signature']);

/** Above a launch page's form opened by 再次申请: what was copied, or why nothing was. */
export function CopyNotice({ copy, form }: { copy: CopySource; form: { fields: readonly { type: string }[] } }) {
  if (copy.copied) {
    const hasFiles = form.fields.some((field) => fileTypes.has(field.type));
    return (
      <p className="card copy-notice" role="status">
        {t('components.copy.done', { serialNo: copy.copied.serialNo, files: hasFiles ? t('components.copy.files') : '' })}
      </p>
    );
  }
  if (copy.error != null) {
    return (
      <p className="card copy-notice copy-notice--failed" role="alert">
        {t('components.copy.failed', { error: describeError(copy.error) })}
      </p>
    );
  }
  return null;
}
