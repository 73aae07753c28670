import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { nameKeys, searchText } from '../../electron/members/names';

describe('name keys for search and sorting', () => {
  it('initials and pinyin by syllable, surnames read as surnames', () => {
    expect(nameKeys('张三')).toEqual({ initials: 'zs', pinyin: 'zhang san' });
    expect(nameKeys('单雄信')).toEqual({ initials: 'sxx', pinyin: 'shan xiong xin' });
    expect(nameKeys('曾国藩')).toEqual({ initials: 'zgf', pinyin: 'zeng guo fan' });
    expect(nameKeys('吕布')).toEqual({ initials: 'lb', pinyin: 'lv bu' });
    expect(searchText('张三', 'zs', 'zhang san', '110105198001011234')).toBe('张三|zs|zhangsan|110105198001011234');
  });

  it('a run of other characters is kept whole, in the initials too', () => {
    expect(nameKeys('李Amy')).toEqual({ initials: 'lamy', pinyin: 'li amy' });
    expect(nameKeys('阿依古丽·买买提').initials).toBe('aygl' + 'mmt');
  });

  it('initials taken from the syllables are what pinyin-pro gives for them (the stored keys do not change)', () => {
    const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true } as const;
    const clean = (a: string[]) => a.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
    for (const name of ['欧阳修', '女娲', '解缙', '乐嘉', '朴槿惠', '诸葛亮', '长孙无忌', '尉迟恭', '区志强', '覃海', '〇一', '王小明2', 'John Smith', '张 三']) {
      expect(nameKeys(name).initials, name).toBe(clean(pinyin(name, { ...opts, pattern: 'first' })).join(''));
      expect(nameKeys(name).pinyin, name).toBe(clean(pinyin(name, opts)).filter(Boolean).join(' '));
    }
  });
});
