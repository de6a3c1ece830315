import { describeError } from '../api/api-client.ts';
import type { CopySource } from '../hooks/use-copy-source.ts';

/** Field types whose values 再次申请 does not copy (each file belongs to one application). */
const fileTypes = new Set<string>(['attachment', 'image', 'signature']);

/** Above a launch page's form opened by 再次申请: what was copied, or why nothing was. */
export function CopyNotice({ copy, form }: { copy: CopySource; form: { fields: readonly { type: string }[] } }) {
  if (copy.copied) {
    const hasFiles = form.fields.some((field) => fileTypes.has(field.type));
    return (
      <p className="card copy-notice" role="status">
        已复制申请 {copy.copied.serialNo} 的内容{hasFiles ? '（附件需重新上传）' : ''}，请核对后提交。
      </p>
    );
  }
  if (copy.error != null) {
    return (
      <p className="card copy-notice copy-notice--failed" role="alert">
        未能复制原申请：{describeError(copy.error)}。请直接填写。
      </p>
    );
  }
  return null;
}
