/**
 * What the 志愿者, 帮扶, 干部队伍 and 目标考核 pages share: the 操作日志 of a record in the clerk's words, and picking
 * volunteers (register members with a volunteer file).
 */
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../api/client';
import type { AuditEntry } from '../../../../shared/contract';
import type { VolunteerRow } from '../../../../shared/volunteers';
import { AuditTimeline } from '../../components/AuditSection';

const ACTIONS: Record<string, string> = { create: '登记', update: '修改', delete: '删除', export: '导出' };

function show(v: unknown): string {
  if (v == null || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(show).join('、') : '（无）';
  if (typeof v === 'object') return Object.values(v as object).filter((x) => x != null && x !== '').map(show).join('，') || '（空）';
  return String(v);
}

/** A record's 操作日志: when, what, who; a change lists each field as 名称：旧 → 新 (fields named by `labels`). */
export function AuditList({ entries, labels }: { entries: AuditEntry[] | null; labels: Record<string, string> }) {
  const label = (field: string) => {
    const [head, ...rest] = field.split(/[.:]/);
    if (labels[field]) return labels[field];
    if (head && labels[head]) return rest.length ? `${labels[head]}（${rest.join('，')}）` : labels[head];
    return field;
  };
  return <AuditTimeline entries={entries} action={(a) => ACTIONS[a] ?? a} field={label} text={(_, v) => show(v)} maxChanges={12} />;
}

/** The volunteers with an open file, loaded once. */
export function useVolunteers(open = true) {
  const [rows, setRows] = useState<VolunteerRow[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api['volunteers.list']({})
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [open]);
  return rows;
}

/** Picks volunteers (inside a Form.Item). */
export function VolunteerSelect(props: {
  id?: string;
  value?: number[] | number | null;
  onChange?: (v: never) => void;
  multiple?: boolean;
  volunteers: VolunteerRow[];
  placeholder?: string;
  allowClear?: boolean;
}) {
  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      value={(props.value ?? undefined) as never}
      onChange={(v) => props.onChange?.((v ?? (props.multiple ? [] : null)) as never)}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? '选择志愿者'}
      showSearch={{ optionFilterProp: 'label' }}
      options={props.volunteers.map((v) => ({ value: v.memberId, label: `${v.name}（${v.specialties.join('、') || '未填特长'}）` }))}
      notFoundContent="还没有登记志愿者"
    />
  );
}
