/**
 * The stream names in an OLE2 compound file (what .xls, .doc and Office's encrypted .xlsx are wrapped in), read
 * from its directory. Enough to tell an encrypted workbook or a Word file from a real .xls.
 */
export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export function isOle(b: Uint8Array): boolean {
  return b.length >= 512 && OLE_SIGNATURE.every((x, i) => b[i] === x);
}

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16)) >>> 0) + (b[o + 3] ?? 0) * 0x1000000;

const END = 0xfffffffe;
const FREE = 0xffffffff;

/** Names of every entry in the directory; null when the directory cannot be followed (a damaged file). */
export function oleEntryNames(b: Uint8Array): string[] | null {
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorCount = Math.floor((b.length - size) / size) + 1;
  const sectorAt = (n: number) => (n + 1) * size;
  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(b, 0x4c + i * 4);
    if (s === FREE || s === END) break;
    fatSectors.push(s);
  }
  let difat = u32(b, 0x44);
  for (let guard = 0; difat !== END && difat !== FREE && guard < sectorCount; guard++) {
    const off = sectorAt(difat);
    if (off + size > b.length) return null;
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = u32(b, off + i * 4);
      if (s !== FREE && s !== END) fatSectors.push(s);
    }
    difat = u32(b, off + size - 4);
  }
  const perSector = size / 4;
  const next = (n: number): number => {
    const fs = fatSectors[Math.floor(n / perSector)];
    if (fs === undefined) return END;
    return u32(b, sectorAt(fs) + (n % perSector) * 4);
  };
  const names: string[] = [];
  let dir = u32(b, 0x30);
  for (let guard = 0; dir !== END && guard <= sectorCount; guard++) {
    const off = sectorAt(dir);
    if (off + size > b.length) return names.length ? names : null;
    for (let e = 0; e < size / 128; e++) {
      const p = off + e * 128;
      const len = u16(b, p + 0x40);
      const type = b[p + 0x42];
      if (type === 0 || len < 2 || len > 64) continue;
      let name = '';
      for (let k = 0; k < len - 2; k += 2) name += String.fromCharCode(u16(b, p + k));
      names.push(name);
    }
    dir = next(dir);
  }
  return names;
}
