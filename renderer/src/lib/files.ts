/** Files in and out of the page: a chosen file's bytes as base64, and a FileDownload saved to disk. */
import type { FileDownload } from '../../../shared/contract';

/**
 * Bytes → base64 without one giant String.fromCharCode call (that overflows the stack on big files):
 * encode slices whose length is a multiple of 3, so the pieces join into one valid base64 string.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 3 * 16 * 1024; // 48 KB per btoa call
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += SLICE) {
    const slice = bytes.subarray(i, Math.min(i + SLICE, bytes.length));
    let bin = '';
    // 8 KB at a time into apply(): well under every engine's argument limit.
    for (let j = 0; j < slice.length; j += 8192) {
      bin += String.fromCharCode.apply(null, slice.subarray(j, Math.min(j + 8192, slice.length)) as unknown as number[]);
    }
    parts.push(btoa(bin));
  }
  return parts.join('');
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Reads a file the clerk chose; the message is for the clerk when the file cannot be read (locked, moved). */
export async function readFileBase64(file: Blob): Promise<string> {
  let buf: ArrayBuffer;
  try {
    buf = await file.arrayBuffer();
  } catch {
    throw new Error('文件读不出来：可能正在 Excel 或 WPS 中打开，或已被移动。请关闭该文件后重新选择。');
  }
  return bytesToBase64(new Uint8Array(buf));
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
};

/** Saves a file the data service made: Blob → object URL → a click on a download link (Chromium and Electron). */
export function saveDownload(file: FileDownload): void {
  const ext = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1]?.toLowerCase() ?? '';
  const blob = new Blob([base64ToBytes(file.dataBase64)], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** 1234567 → “1.2 MB”. */
export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
