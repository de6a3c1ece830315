import QRCode, { type QRCodeRenderersOptions } from 'qrcode';

/** A page of the H5 that people reach by scanning a printed QR code (manual 1.1 and 3.1). */
export interface EntryQr {
  key: 'register' | 'unbind';
  title: string;
  /** The H5 route, on the console's own origin. */
  path: string;
  /** What the manual tells people to do with it. */
  instruction: string;
  /** The name the downloaded PNG is saved under. */
  fileName: string;
}

export const entryQrs: readonly EntryQr[] = [
  { key: 'register', title: '用户注册', path: '/register', instruction: '打开微信扫描二维码，进行用户注册', fileName: '用户注册二维码.png' },
  { key: 'unbind', title: '解除绑定', path: '/unbind', instruction: '打开微信扫描二维码，进入解绑页面', fileName: '解除绑定二维码.png' },
];

/** The absolute address a phone opens: the H5 is served on the same origin as the console. */
export function entryUrlOf(entry: EntryQr, origin: string = window.location.origin): string {
  return `${origin}${entry.path}`;
}

// Level M survives a smudged or partly covered print; a quiet zone of 4 modules is what the QR standard asks for.
const qrOptions: QRCodeRenderersOptions = { errorCorrectionLevel: 'M', margin: 4 };

/** The QR code of `text` as an SVG data URL: sharp on screen and in print at any size. */
export async function renderQrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { ...qrOptions, type: 'svg' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The QR code of `text` as a PNG data URL for download. A whole number of
 * pixels per module (20) keeps every module's edges sharp; a hall address
 * comes out at 700–800 pixels, about 6 cm printed at 300 dpi.
 */
export function renderQrPng(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...qrOptions, type: 'image/png', scale: 20 });
}

/** Has the browser save `dataUrl` as `fileName`. */
export function saveDataUrl(dataUrl: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Puts `text` on the clipboard. The Clipboard API exists only in secure
 * contexts (https, localhost); a console served over plain http on the
 * campus network falls back to the older copy command.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  const copied = document.execCommand('copy');
  field.remove();
  if (!copied) throw new Error('copy refused');
}

/**
 * True for an address only this computer can reach (localhost, 127.x, ::1):
 * a QR code made there opens nothing on a phone.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
