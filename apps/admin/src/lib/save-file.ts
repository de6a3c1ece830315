/** Has the browser save what `url` holds (a data: or blob: URL) as `fileName`. */
export function saveUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Has the browser save `blob` as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, fileName);
  // Revoked a while later, not at once: a browser may still be starting the download (FileSaver.js waits too).
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
