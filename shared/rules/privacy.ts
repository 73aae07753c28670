/**
 * Masking personal data in lists, beside the register's maskIdNumber and maskPhone (shared/rules/idNumber.ts):
 * 帮扶对象's addresses show the road and number only — 和平路12号3号楼2单元501室 → 和平路12号****.
 */

/** Up to the first 号 (the street number) when it comes early, otherwise the first six characters; then ****. */
export function maskAddress(address: string): string {
  const a = address.trim();
  if (!a) return a;
  const chars = [...a];
  const at = chars.indexOf('号');
  const keep = at >= 0 && at < 14 ? at + 1 : Math.min(6, Math.max(0, chars.length - 2));
  if (keep >= chars.length) return `${chars.slice(0, Math.max(0, chars.length - 2)).join('')}****`;
  return `${chars.slice(0, keep).join('')}****`;
}
