/**
 * Saves bytes the bridge carried as base64 as a file: a Blob behind an object URL and a clicked
 * `<a download>`. The same in the web shell (the browser's download) and Electron (its
 * will-download, a save dialog). The URL is revoked once the click has been handled.
 */
export function saveBase64(fileName: string, contentType: string, base64: string): void {
  const bytes = base64ToBytes(base64);
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // the download has taken the blob by the next task; revoking at once can cancel it in Chromium
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
