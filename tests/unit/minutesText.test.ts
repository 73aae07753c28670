/** 会议纪要's text rules: guesses from a file's name and first lines, query parsing, bigram tokens, snippets. */
import { describe, expect, it } from 'vitest';
import { findDate, guessFromFile, guessType } from '../../electron/minutes/guess';
import { gramsOf, normaliseText, parseQuery, snippetOf, snippetText } from '../../electron/minutes/search';

describe('guessing an old minutes file', () => {
  it('finds the first real date in any common spelling, Chinese numerals included', () => {
    expect(findDate('2024年3月15日支委会')).toBe('2024-03-15');
    expect(findDate('支委会 2024.3.5')).toBe('2024-03-05');
    expect(findDate('20240315党课')).toBe('2024-03-15');
    expect(findDate('2024-03-15')).toBe('2024-03-15');
    expect(findDate('2024_3_15 记录')).toBe('2024-03-15');
    expect(findDate('时间：二〇二三年十一月八日下午')).toBe('2023-11-08');
    expect(findDate('二〇二三年十二月二十八日')).toBe('2023-12-28');
    expect(findDate('二〇二四年二月三十日')).toBeNull();
    expect(findDate('2023年2月30日')).toBeNull();
    expect(findDate('第3号楼，共12人')).toBeNull();
    expect(findDate('电话 13812345678')).toBeNull();
  });

  it('tells the type by its words, the particular before the general', () => {
    expect(guessType('第一党支部支部委员会会议记录')).toBe('committee');
    expect(guessType('支委会')).toBe('committee');
    expect(guessType('支部党员大会')).toBe('memberAssembly');
    expect(guessType('第二党小组会议')).toBe('groupMeeting');
    expect(guessType('七一党课')).toBe('partyLesson');
    expect(guessType('共驻共建联席会议纪要')).toBe('jointMeeting');
    expect(guessType('社区党建协调委员会会议')).toBe('coordinationCommittee');
    expect(guessType('三月主题党日活动')).toBe('themeDay');
    expect(guessType('工作记录')).toBeNull();
  });

  it('takes the date from the name first, then the date line, then the first lines; the title from the first line', () => {
    const g = guessFromFile('2024-05-06 扫描.docx', '第三党支部党员大会记录\n会议时间：2024年5月7日\n会议地点：会议室\n主持人：王红\n记录人：李明\n内容……');
    expect(g).toEqual({ type: 'memberAssembly', heldOn: '2024-05-06', title: '第三党支部党员大会记录', place: '会议室', host: '王红', recorder: '李明' });
    expect(guessFromFile('记录.txt', '标题\n2020年1月1日印发\n会议时间：2023年6月1日').heldOn).toBe('2023-06-01');
    // A first line with a colon is not a title: the file's name (without a leading date) is.
    expect(guessFromFile('2023.6.1 支委会会议记录.doc', '时间：2023年6月1日').title).toBe('支委会会议记录');
    expect(guessFromFile('无日期.docx', '没有日期的一份记录').heldOn).toBeNull();
  });
});

describe('search text', () => {
  it('turns full-width letters and digits to ASCII and nothing else', () => {
    expect(normaliseText('ＡＢＣ１２３，会议\u3000记录')).toBe('ABC123，会议 记录');
  });

  it('makes one token per adjacent pair of letters/digits and each run’s last one, lower-cased, never across punctuation', () => {
    expect(gramsOf('加装电梯。ABc1').split(' ').sort()).toEqual(['1', 'ab', 'bc', 'c1', '梯', '加装', '电梯', '装电'].sort());
    expect(gramsOf('记录\n会议')).not.toContain('录会');
  });

  it('routes each word: 3+ characters to trigrams, 1–2 letters/digits to bigrams, short words with punctuation to a scan', () => {
    expect(parseQuery('  ')).toBeNull();
    expect(parseQuery('电梯 加装电梯 梯 a" 用。 电梯')).toEqual({
      terms: ['电梯', '加装电梯', '梯', 'a"', '用。'],
      trigram: '"加装电梯"',
      grams: '"电梯" AND "梯"*',
      scan: ['a"', '用。'],
    });
    // FTS5 syntax in a query is only text.
    expect(parseQuery('a OR b')!.grams).toBe('"a"* AND "or" AND "b"*');
    expect(parseQuery('"x" NEAR')!.trigram).toBe('"""x""" AND "near"');
  });

  it('cuts a snippet around the first match with every match marked, as plain text', () => {
    const body = '前文'.repeat(40) + '研究加装电梯工作，电梯由<b>张伟</b>负责。' + '后文'.repeat(40);
    const parts = snippetOf(body, ['电梯', '<b>'], 60);
    expect(parts[0]!.text.startsWith('…前文')).toBe(true);
    expect(parts[parts.length - 1]!.text.endsWith('后文…')).toBe(true);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['电梯', '电梯', '<b>']);
    expect(snippetText(parts)).toContain('研究加装【电梯】工作，【电梯】由【<b>】张伟</b>负责。');
    expect(snippetOf('短文本', ['不在'])).toEqual([{ text: '短文本', hit: false }]);
  });
});
