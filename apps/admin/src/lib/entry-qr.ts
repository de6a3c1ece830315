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

/**
 * How the codes are drawn (antd's QRCode). Level M survives a smudged or
 * partly covered print; a quiet zone of 4 modules is what the QR standard
 * asks for and travels with the downloaded image; black on opaque white, since
 * a transparent PNG pasted onto a dark background would not scan.
 */
export const qrLook = { errorLevel: 'M', marginSize: 4, color: '#000000', bgColor: '#ffffff', bordered: false } as const;

/** The on-screen code's side, in CSS pixels (print makes it 90 mm, admin.css). */
export const qrScreenSize = 240;

/**
 * The downloaded PNG's side, in image pixels: about 7 cm printed at 300 dpi.
 * antd's canvas multiplies its size by the screen's pixel ratio, so the
 * hidden canvas it is drawn on is sized to come out at this many pixels on
 * any screen.
 */
export const qrDownloadPixels = 800;

/** The CSS size of a canvas that antd backs with `qrDownloadPixels` pixels on this screen. */
export function downloadCanvasSize(pixelRatio: number = window.devicePixelRatio || 1): number {
  return qrDownloadPixels / pixelRatio;
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
