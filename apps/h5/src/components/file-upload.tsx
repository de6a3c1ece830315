import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Button, ProgressBar } from 'antd-mobile';
import { ImageViewer } from './overlays.tsx';
import { errorMessage, fileUrl, isPreviewableImage, isUploadableExtension, uploadableExtensions } from '@onehall/contracts/plain';
import type { FileRef } from '@onehall/forms';
import { compressImage, compressDefaults } from '../lib/image-compress.ts';
import { discardUpload, uploadToHall, type UploadFunction } from '../lib/upload-file.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { joinList } from '../lib/form-text.ts';

export type { UploadFunction };

/**
 * Props of {@link FileUpload}, the control of attachment, image and
 * signature fields. Limits come from the field; the server checks its own
 * (hall-wide size, content matching the extension) and the form's again at
 * submit.
 *
 * - `value`, `onChange`: the form value, the file references the server
 *   answered ({ id, name, size, type }), in the order chosen. A signature
 *   field holds one reference, not a list: pass `[value]`, `maxFiles={1}`,
 *   and take `next[0]`.
 * - `maxFiles` (9): most files; the add button goes when they are reached.
 * - `maxSizeMb` (20): largest file, checked on the phone after compression.
 * - `accept`: extensions without dots (['pdf', 'docx']); default: every kind
 *   the hall takes, or pictures with `imagesOnly`.
 * - `imagesOnly`: an image field: the chooser offers the album and camera
 *   (accept="image/*"); `capture` ('environment' | 'user') opens the camera.
 * - `compress` ({ maxWidth: 1920, quality: 0.8 }; `maxWidth` is the longest
 *   edge): how pictures are shrunk before upload; false sends originals.
 * - `disabled`, `id` (names the add button's parts), `aria-describedby`,
 *   `aria-labelledby` (the field's label: the add button reads it, then its own words).
 * - `upload`: replaces the transport (tests, another endpoint); the default
 *   posts multipart to /api/files with the session's CSRF token.
 */
export interface FileUploadProps {
  value: readonly FileRef[];
  onChange: (next: FileRef[]) => void;
  maxFiles?: number;
  maxSizeMb?: number;
  accept?: readonly string[];
  imagesOnly?: boolean;
  capture?: 'environment' | 'user';
  compress?: false | { maxWidth?: number; quality?: number };
  disabled?: boolean;
  id?: string;
  'aria-describedby'?: string;
  'aria-labelledby'?: string;
  upload?: UploadFunction;
}

/** A file on its way: chosen, maybe being compressed or sent, or refused. */
interface Pending {
  key: string;
  file: File;
  progress: number;
  error: string | null;
  preview: string | null;
  controller: AbortController;
}

/** '820 KB', '3.4 MB': sizes as people read them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Picture types phones hand over from the camera or album. */
const CAMERA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

const extensionOf = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');

const styles = {
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 },
  item: { display: 'flex', alignItems: 'center', gap: 10, padding: 8, borderRadius: 8, background: 'var(--adm-color-fill-content, #f5f5f5)' },
  thumb: { width: 48, height: 48, flex: '0 0 48px', borderRadius: 6, objectFit: 'cover', background: '#fff', border: 0, padding: 0 },
  icon: { width: 48, height: 48, flex: '0 0 48px', borderRadius: 6, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fff', fontSize: '0.75rem', color: 'var(--adm-color-weak, #999)' },
  body: { flex: 1, minWidth: 0 },
  name: { fontSize: '0.875rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { fontSize: '0.75rem', color: 'var(--adm-color-weak, #999)' },
  error: { fontSize: '0.75rem', color: 'var(--adm-color-danger, #ff3141)' },
  hint: { fontSize: '0.75rem', color: 'var(--adm-color-weak, #999)', marginTop: 6 },
} satisfies Record<string, CSSProperties>;

/**
 * 上传附件 / 上传图片: choose files (the album or the camera for pictures),
 * see each one's name, size and progress, preview pictures, remove any.
 * Pictures are compressed on the phone first. Files are sent one at a time,
 * which is kinder to a weak connection than several at once.
 */
export function FileUpload(props: FileUploadProps) {
  const { value, onChange, maxFiles = 9, maxSizeMb = 20, imagesOnly = false, disabled = false } = props;
  const upload = props.upload ?? uploadToHall;
  const accept = (props.accept ?? (imagesOnly ? ['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'] : uploadableExtensions)).map((e) => e.replace(/^\./, '').toLowerCase());
  const [pending, setPending] = useState<Pending[]>([]);
  const [preview, setPreview] = useState<{ images: string[]; index: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The newest value, for uploads that finish after the props changed (one after another).
  const latest = useRef(value);
  latest.current = value;
  const queue = useRef<Promise<void>>(Promise.resolve());
  const mounted = useRef(true);
  const pendingNow = useRef(pending);
  pendingNow.current = pending;

  // Leaving the page stops uploads on their way and frees the local previews.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      for (const item of pendingNow.current) {
        item.controller.abort();
        if (item.preview) URL.revokeObjectURL(item.preview);
      }
    };
  }, []);

  const update = (key: string, change: Partial<Pending>) => {
    if (mounted.current) setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  };
  const drop = (key: string) => {
    const gone = pendingNow.current.find((p) => p.key === key);
    gone?.controller.abort();
    if (gone?.preview) URL.revokeObjectURL(gone.preview);
    if (mounted.current) setPending((list) => list.filter((p) => p.key !== key));
  };

  /** Compresses (pictures), checks the size, sends; the result joins the value. */
  async function send(item: Pending): Promise<void> {
    try {
      update(item.key, { error: null, progress: 0 });
      let file = item.file;
      if (props.compress !== false && file.type.startsWith('image/')) {
        file = await compressImage(file, { maxEdge: props.compress?.maxWidth ?? compressDefaults.maxEdge, quality: props.compress?.quality ?? compressDefaults.quality });
      }
      if (file.size > maxSizeMb * 1024 * 1024) throw new Error(t('components.file.tooLarge', { name: file.name, size: maxSizeMb }));
      if (file.size === 0) throw new Error(t('components.file.empty', { name: file.name }));
      const ref = await upload(file, (fraction) => update(item.key, { progress: Math.round(fraction * 100) }), item.controller.signal);
      if (item.controller.signal.aborted) return;
      onChange([...latest.current, ref]);
      latest.current = [...latest.current, ref];
      drop(item.key);
    } catch (error) {
      if (item.controller.signal.aborted) return;
      update(item.key, { error: error instanceof Error ? error.message : errorMessage('INTERNAL', language) });
    }
  }

  function choose(files: FileList | null) {
    if (!files || files.length === 0) return;
    const room = maxFiles - value.length - pending.filter((p) => !p.error).length;
    const chosen = [...files];
    const problems: string[] = [];
    if (chosen.length > room) problems.push(t('components.file.tooMany', { count: maxFiles, extra: chosen.length - Math.max(0, room) }));
    const accepted = chosen.slice(0, Math.max(0, room)).filter((file) => {
      const extension = extensionOf(file.name);
      // A picture from the camera may be named oddly (or HEIC, made JPEG by compression): its type decides.
      const fits = isUploadableExtension(extension) ? accept.includes(extension) : imagesOnly && CAMERA_TYPES.includes(file.type);
      if (!fits) problems.push(t('components.file.wrongType', { name: file.name, types: joinList(accept) }));
      return fits;
    });
    setNotice(problems.length > 0 ? problems.join(t('components.clauseSeparator')) : null);
    const items = accepted.map((file) => ({
      key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      file,
      progress: 0,
      error: null,
      preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
      controller: new AbortController(),
    }));
    setPending((list) => [...list, ...items]);
    for (const item of items) queue.current = queue.current.then(() => send(item));
  }

  function remove(ref: FileRef) {
    onChange(latest.current.filter((f) => f.id !== ref.id));
    discardUpload(ref.id);
  }

  function retry(item: Pending) {
    const again = { ...item, controller: new AbortController(), error: null };
    setPending((list) => list.map((p) => (p.key === item.key ? again : p)));
    queue.current = queue.current.then(() => send(again));
  }

  const pictures = value.filter((f) => isPreviewableImage(f.type));
  const full = value.length + pending.filter((p) => !p.error).length >= maxFiles;
  const inputAccept = imagesOnly ? 'image/*' : accept.map((e) => `.${e}`).join(',');

  return (
    <div className="file-upload">
      {(value.length > 0 || pending.length > 0) && (
        <ul style={styles.list} aria-label={t(imagesOnly ? 'components.file.chosenPictures' : 'components.file.chosenFiles')}>
          {value.map((ref) => {
            const picture = isPreviewableImage(ref.type);
            return (
              <li key={ref.id} style={styles.item}>
                {picture ? (
                  <button type="button" style={styles.thumb} aria-label={t('components.file.preview', { name: ref.name })} onClick={() => setPreview({ images: pictures.map((p) => fileUrl(p.id)), index: pictures.indexOf(ref) })}>
                    <img src={fileUrl(ref.id)} alt="" style={{ ...styles.thumb, width: '100%', height: '100%' }} loading="lazy" />
                  </button>
                ) : (
                  <span style={styles.icon} aria-hidden="true">
                    {extensionOf(ref.name).toUpperCase() || t('components.file.file')}
                  </span>
                )}
                <div style={styles.body}>
                  {picture ? (
                    <div style={styles.name}>{ref.name}</div>
                  ) : (
                    <a style={{ ...styles.name, display: 'block' }} href={fileUrl(ref.id)} target="_blank" rel="noopener">
                      {ref.name}
                    </a>
                  )}
                  <div style={styles.meta}>{formatFileSize(ref.size)}</div>
                </div>
                {!disabled && (
                  <Button size="mini" fill="none" color="danger" aria-label={t('components.file.deleteOne', { name: ref.name })} onClick={() => remove(ref)}>
                    {t('components.delete')}
                  </Button>
                )}
              </li>
            );
          })}
          {pending.map((item) => (
            <li key={item.key} style={styles.item} aria-busy={item.error ? undefined : true}>
              {item.preview ? <img src={item.preview} alt="" style={styles.thumb} /> : <span style={styles.icon} aria-hidden="true">{extensionOf(item.file.name).toUpperCase() || t('components.file.file')}</span>}
              <div style={styles.body}>
                <div style={styles.name}>{item.file.name}</div>
                {item.error ? (
                  <div style={styles.error} role="alert">
                    {item.error}
                  </div>
                ) : (
                  <>
                    <div style={styles.meta}>
                      {formatFileSize(item.file.size)} · {item.progress > 0 ? t('components.file.uploading', { percent: item.progress }) : t('components.file.waiting')}
                    </div>
                    <ProgressBar percent={item.progress} aria-label={t('components.file.progress', { name: item.file.name })} />
                  </>
                )}
              </div>
              {item.error && (
                <Button size="mini" fill="none" color="primary" onClick={() => retry(item)}>
                  {t('common.retry')}
                </Button>
              )}
              <Button size="mini" fill="none" color="danger" aria-label={t(item.error ? 'components.file.deleteOne' : 'components.file.cancelOne', { name: item.file.name })} onClick={() => drop(item.key)}>
                {item.error ? t('components.delete') : t('common.cancel')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {!disabled && !full && (
        <Button
          block
          fill="outline"
          style={{ marginTop: value.length + pending.length > 0 ? 8 : 0 }}
          aria-describedby={props['aria-describedby']}
          aria-labelledby={props['aria-labelledby'] && props.id ? `${props['aria-labelledby']} ${props.id}-action` : undefined}
          onClick={() => input.current?.click()}
        >
          <span id={props.id ? `${props.id}-action` : undefined}>{t(imagesOnly ? (props.capture ? 'components.file.takePhoto' : 'components.file.photoOrAlbum') : 'components.file.choose')}</span>
        </Button>
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept={inputAccept}
        multiple={maxFiles - value.length > 1}
        {...(imagesOnly && props.capture ? { capture: props.capture } : {})}
        onChange={(event) => {
          choose(event.currentTarget.files);
          event.currentTarget.value = ''; // the same file can be chosen again after removing it
        }}
      />
      <div style={styles.hint} aria-live="polite">
        {notice ?? `${t('components.file.hint', { count: maxFiles, size: maxSizeMb })}${imagesOnly ? '' : t('components.file.hintTypes', { types: joinList(accept) })}`}
      </div>
      {preview && <ImageViewer.Multi images={preview.images} defaultIndex={Math.max(0, preview.index)} visible onClose={() => setPreview(null)} />}
    </div>
  );
}
