import type { ErrorBody } from '@onehall/contracts';
import { errorCodes, errorMessage, fileUrl } from '@onehall/contracts/plain';
import { readFileRef, type FileRef } from '@onehall/forms';
import { ApiError } from '../api/api-client.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { getMe } from '../session/session-store.ts';

/**
 * The transport of attachments: one file to the staging area
 * (POST /api/files, multipart, with the session's CSRF token), and taking a
 * staged one back. Errors are the API client's `ApiError`, with its message
 * in the page's language.
 */

/** Sends one file to the staging area; reports progress from 0 to 1; answers the file reference. */
export type UploadFunction = (file: File, onProgress: (fraction: number) => void, signal: AbortSignal) => Promise<FileRef>;

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  let detail: ErrorBody['error'] | null = null;
  try {
    detail = (JSON.parse(xhr.responseText) as Partial<ErrorBody>).error ?? null;
  } catch {
    detail = null;
  }
  const code = detail?.code ?? (xhr.status === 413 ? 'FILE_TOO_LARGE' : xhr.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL');
  const known = Object.prototype.hasOwnProperty.call(errorCodes, code);
  // As the API client does: the server's own words in Chinese (they can be more precise), the code's in English.
  const message = language === 'zh' && detail?.message ? detail.message : errorMessage(known ? code : 'INTERNAL', language);
  return new ApiError(xhr.status, code, message, detail);
}

/**
 * The default transport: XMLHttpRequest rather than fetch, because only it
 * reports upload progress.
 */
export const uploadToHall: UploadFunction = (file, onProgress, signal) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = getMe()?.csrfToken;
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status !== 201) return reject(errorFromXhr(xhr));
      try {
        // The contracts' `fileDto` (forms' fileRefSchema), read without zod: zod would weigh some 30 kB on the phone.
        const file = readFileRef(JSON.parse(xhr.responseText));
        if (!file) throw new Error('not a file reference');
        resolve(file);
      } catch {
        reject(new ApiError(xhr.status, 'INTERNAL', errorMessage('INTERNAL', language), null));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', t('components.file.network'), null));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });

/** Takes back a staged upload the person removed (best effort: the cleanup removes it anyway after a day). */
export function discardUpload(fileId: string): void {
  const csrf = getMe()?.csrfToken;
  void fetch(fileUrl(fileId), { method: 'DELETE', credentials: 'same-origin', headers: { Accept: 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) } }).catch(() => {});
}
