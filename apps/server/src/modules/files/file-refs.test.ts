import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formSchema, validateForm, type FormDefinitionInput } from '@onehall/forms';
import { referencedFiles } from './file-refs.ts';

const ref = (name: string, type = 'application/pdf', size = 1000) => ({ id: randomUUID(), name, size, type });

const definition: FormDefinitionInput = {
  fields: [
    { key: 'reason', label: '理由', type: 'text', required: true },
    { key: 'proof', label: '证明材料', type: 'attachment', accept: ['pdf'], maxFiles: 3 },
    { key: 'photos', label: '现场照片', type: 'image', visibleWhen: { field: 'reason', op: 'eq', value: '损坏' } },
    { key: 'sign', label: '签名', type: 'signature' },
  ],
};

describe('referencedFiles: the uploads a form’s validated values reference', () => {
  const form = formSchema.parse(definition);
  const today = '2026-03-02';

  it('takes files of attachment, image and signature fields, in field order, each once', () => {
    const [a, b] = [ref('a.pdf'), ref('b.pdf')];
    const photo = ref('现场.jpg', 'image/jpeg');
    const signature = ref('签名.png', 'image/png');
    const checked = validateForm(form, { reason: '损坏', proof: [a, b, a], photos: [photo], sign: signature }, { today });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(referencedFiles(form, checked.values)).toEqual([
      { fieldKey: 'proof', file: a },
      { fieldKey: 'proof', file: b },
      { fieldKey: 'photos', file: photo },
      { fieldKey: 'sign', file: signature },
    ]);
  });

  it('leaves out the files of a hidden field (not kept by the validator), and a text that looks like a reference', () => {
    const photo = ref('现场.jpg', 'image/jpeg');
    const checked = validateForm(form, { reason: '其他', photos: [photo] }, { today });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(referencedFiles(form, checked.values)).toEqual([]);
    // Values that did not come through the validator: only file fields are read.
    expect(referencedFiles(form, { reason: JSON.stringify(photo) as never, proof: [photo] })).toEqual([{ fieldKey: 'proof', file: photo }]);
  });

  it('reads ids in lower case, as the validator does', () => {
    const upper = { ...ref('a.pdf'), id: randomUUID().toUpperCase() };
    expect(referencedFiles(form, { proof: [upper] })[0]!.file.id).toBe(upper.id.toLowerCase());
  });
});
