import { useState } from 'react';
import { Button } from 'antd-mobile';
import { ImageViewer, Popup } from './overlays.tsx';
import { fileUrl } from '@onehall/contracts/plain';
import type { FileRef, FormField } from '@onehall/forms';
import { describeError } from '../api/api-client.ts';
import { t } from '../i18n/translate.ts';
import { labelOf } from '../lib/form-text.ts';
import { uploadToHall } from '../lib/upload-file.ts';
import type { DraftValue } from '../lib/form-values.ts';
import { SignaturePad } from './signature-pad.tsx';

type SignatureFieldDef = Extract<FormField, { type: 'signature' }>;

interface SignatureFieldProps {
  id: string;
  field: SignatureFieldDef;
  value: DraftValue | undefined;
  describedBy: string | undefined;
  invalid: boolean;
  onChange: (value: DraftValue | undefined) => void;
}

const refOf = (value: DraftValue | undefined): FileRef | null => (typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value && 'size' in value ? value : null);

/**
 * A signature field: 点击签名 opens the pad; the PNG is uploaded to the
 * staging area like any attachment, and the field holds its file reference.
 * The signature is shown once made; 重新签名 replaces it.
 */
export function SignatureField({ id, field, value, describedBy, invalid, onChange }: SignatureFieldProps) {
  const signed = refOf(value);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [viewing, setViewing] = useState(false);
  const label = labelOf(field);

  async function save(png: Blob) {
    setBusy(true);
    setProblem(null);
    try {
      if (png.size > field.maxSizeMb * 1024 * 1024) throw new Error(t('components.signature.tooLarge', { size: field.maxSizeMb }));
      const file = new File([png], `${field.label}.png`, { type: 'image/png' });
      const ref = await uploadToHall(file, () => {}, new AbortController().signal);
      onChange(ref);
      setOpen(false);
    } catch (error) {
      setProblem(error instanceof Error && !('status' in error) ? error.message : describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signature-field">
      {signed && (
        <button type="button" className="signature-field__preview" aria-label={t('components.signature.view', { label })} onClick={() => setViewing(true)}>
          <img src={fileUrl(signed.id)} alt={label} />
        </button>
      )}
      {/* antd-mobile's Button drops `id`: the field's label is tied to it by aria-labelledby (the label, then the button's words). */}
      <Button fill="outline" size="small" aria-labelledby={`${id}-label ${id}-action`} aria-describedby={describedBy} aria-invalid={invalid || undefined} onClick={() => setOpen(true)}>
        <span id={`${id}-action`}>{t(signed ? 'components.signature.again' : 'components.signature.sign')}</span>
      </Button>
      {viewing && signed && <ImageViewer image={fileUrl(signed.id)} visible onClose={() => setViewing(false)} />}
      <Popup visible={open} onMaskClick={() => !busy && setOpen(false)} onClose={() => setOpen(false)} bodyClassName="choice-sheet" destroyOnClose>
        <div role="dialog" aria-labelledby={`${id}-sheet-title`} className="choice-sheet__body signature-field__sheet">
          <h3 className="choice-sheet__title" id={`${id}-sheet-title`}>
            {label}
          </h3>
          <SignaturePad busy={busy} onConfirm={(png) => void save(png)} onCancel={() => setOpen(false)} />
          {problem && (
            <p className="form-field__error" role="alert">
              {problem}
            </p>
          )}
        </div>
      </Popup>
    </div>
  );
}
