import type { FileRef, FormField } from '@onehall/forms';
import type { DraftValue } from '../lib/form-values.ts';
import { FileUpload } from './file-upload.tsx';

type FileFieldDef = Extract<FormField, { type: 'attachment' | 'image' }>;

interface FileFieldProps {
  id: string;
  field: FileFieldDef;
  value: DraftValue | undefined;
  describedBy: string | undefined;
  onChange: (value: DraftValue | undefined) => void;
}

const refsOf = (value: DraftValue | undefined): FileRef[] => (Array.isArray(value) ? value.filter((item): item is FileRef => typeof item === 'object' && item !== null && 'id' in item && 'size' in item) : []);

/** An attachment or image field: the hall's uploader with the field's limits; the value is the list of file references. */
export function FileField({ id, field, value, describedBy, onChange }: FileFieldProps) {
  return (
    <FileUpload
      id={id}
      value={refsOf(value)}
      onChange={(next) => onChange(next.length > 0 ? next : undefined)}
      maxFiles={field.maxFiles}
      maxSizeMb={field.maxSizeMb}
      {...(field.accept ? { accept: field.accept } : {})}
      imagesOnly={field.type === 'image'}
      {...(field.type === 'image' ? { compress: field.compress } : {})}
      aria-describedby={describedBy}
      aria-labelledby={`${id}-label`}
    />
  );
}
