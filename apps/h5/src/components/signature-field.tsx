import { useState } from 'react';
import { Button, ImageViewer, Popup } from 'antd-mobile';
import { fileUrl } from '@onehall/contracts';
import type { FileRef, FormField } from '@onehall/forms';
import { describeError } from '../api/api-client.ts';
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

  async function save(png: Blob) {
    setBusy(true);
    setProblem(null);
    try {
      if (png.size > field.maxSizeMb * 1024 * 1024) throw new Error(`签名图片超过 ${field.maxSizeMb} MB，请清除后重新书写`);
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
        <button type="button" className="signature-field__preview" aria-label={`查看${field.label}`} onClick={() => setViewing(true)}>
          <img src={fileUrl(signed.id)} alt={field.label} />
        </button>
      )}
      <Button id={id} fill="outline" size="small" aria-describedby={describedBy} aria-invalid={invalid || undefined} onClick={() => setOpen(true)}>
        {signed ? '重新签名' : '点击签名'}
      </Button>
      {viewing && signed && <ImageViewer image={fileUrl(signed.id)} visible onClose={() => setViewing(false)} />}
      <Popup visible={open} onMaskClick={() => !busy && setOpen(false)} onClose={() => setOpen(false)} bodyClassName="choice-sheet" destroyOnClose>
        <div role="dialog" aria-label={field.label} className="choice-sheet__body signature-field__sheet">
          <h3 className="choice-sheet__title">{field.label}</h3>
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
