/**
 * The plain part of the attachment contracts (see files.ts): the kinds of
 * file the hall takes, the limits, and where a file is downloaded from. No
 * zod here: the H5 imports it through `@onehall/contracts/plain`.
 */

/**
 * The kinds of file the hall takes, by extension: the MIME type the hall
 * stores and serves, and what the content must be (the server checks the
 * extension and the file's own bytes agree; an operator may narrow the list
 * with FILES_ALLOWED_TYPES).
 */
export const uploadableFileTypes = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  jpg: { mime: 'image/jpeg', label: 'JPEG 图片' },
  jpeg: { mime: 'image/jpeg', label: 'JPEG 图片' },
  png: { mime: 'image/png', label: 'PNG 图片' },
  gif: { mime: 'image/gif', label: 'GIF 图片' },
  webp: { mime: 'image/webp', label: 'WebP 图片' },
  heic: { mime: 'image/heic', label: 'HEIC 照片' },
  heif: { mime: 'image/heif', label: 'HEIF 照片' },
  doc: { mime: 'application/msword', label: 'Word 文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档' },
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel 表格' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格' },
  ppt: { mime: 'application/vnd.ms-powerpoint', label: 'PowerPoint 演示文稿' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint 演示文稿' },
  txt: { mime: 'text/plain', label: '文本文件' },
  csv: { mime: 'text/csv', label: 'CSV 表格' },
  zip: { mime: 'application/zip', label: 'ZIP 压缩包' },
} as const satisfies Record<string, { mime: string; label: string }>;

export type UploadableExtension = keyof typeof uploadableFileTypes;
export const uploadableExtensions = Object.keys(uploadableFileTypes) as UploadableExtension[];

export function isUploadableExtension(extension: string): extension is UploadableExtension {
  return Object.hasOwn(uploadableFileTypes, extension);
}

/** Pictures every phone browser can show (HEIC is kept, but shown as a file). */
const previewableImageTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Whether a file is a picture the phone can preview (antd-mobile ImageViewer), by its stored MIME type. */
export function isPreviewableImage(type: string): boolean {
  return previewableImageTypes.includes(type);
}

export const fileLimits = {
  /** The hall-wide largest upload, in MB, unless FILES_MAX_MB says otherwise. */
  maxMbDefault: 20,
  /** Longest file name kept (characters); longer names are shortened, the extension kept. */
  nameMaxLength: 120,
} as const;

/** Where a file is downloaded (or previewed) from: the same for every viewer, checked on every request. */
export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}
