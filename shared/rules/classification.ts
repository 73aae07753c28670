import type { Tag } from '../domain/labels';

/**
 * 工作岗位 often already says what situation a member is in; suggest the classification from it.
 * Order matters: 离休 must be tested before 退休/离退休.
 */
export function suggestTagsFromOccupation(occupation: string | null | undefined): Tag[] {
  const o = (occupation ?? '').trim();
  if (!o) return [];
  const tags: Tag[] = [];
  if (/离休/.test(o) && !/离退休/.test(o)) tags.push('retiredCadre');
  else if (/退休|离退休/.test(o)) tags.push('retiredWorker');
  if (/下岗|失业/.test(o)) tags.push('laidOff');
  if (/解除劳动合同|解除劳动关系/.test(o)) tags.push('contractEnded');
  return tags;
}
