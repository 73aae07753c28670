import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../api/client';
import type { MemberListRow } from '../../../shared/contract';
import { useDebounced } from '../lib/useDebounced';

/**
 * Picks one active member from the register by name, ID number or pinyin initials. Used inside a Form.Item,
 * which passes id (the label's binding), value and onChange.
 */
export function MemberPicker(props: { id?: string; value?: number; onChange?: (id: number) => void; active?: boolean }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const [options, setOptions] = useState<MemberListRow[]>([]);
  useEffect(() => {
    if (props.active === false) return;
    let live = true;
    api['members.list']({ q: q.trim() || undefined, pageSize: 20 })
      .then((r) => live && setOptions(r.rows))
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [q, props.active]);
  return (
    <Select<number>
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入姓名、身份证号或拼音首字母查找"
      options={options.map((m) => ({ value: m.id, label: `${m.name}（${m.branchName ?? '未编入党支部'}，${m.idNumberMasked}）` }))}
      notFoundContent="名册中没有找到"
    />
  );
}
