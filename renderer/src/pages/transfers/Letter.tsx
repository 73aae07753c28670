/** The three-part letter of introduction (存根 / 介绍信 / 回执), laid out for one A4 sheet. */
import type { Transfer } from '../../../../shared/transfers';
import { MEMBERSHIP_KIND_LABELS, SEX_LABELS } from '../../../../shared/domain/labels';

export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '    年  月  日';
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
function cnMonth(ym: string | null): string {
  return ym ? `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月` : '    年  月';
}

const F = ({ children, wide }: { children: React.ReactNode; wide?: boolean }) => (
  <span className="fill" style={wide ? { minWidth: '12em' } : undefined}>
    {children || '\u00a0'}
  </span>
);

/** A label and its blank kept on one line: the line breaks before the label, never between them. */
const Pair = ({ children }: { children: React.ReactNode }) => <span className="pair">{children}</span>;

export function Letter({ t }: { t: Transfer }) {
  const kind = MEMBERSHIP_KIND_LABELS[t.membershipKind].replace('党员', '');
  const sex = t.sex ? SEX_LABELS[t.sex] : '';
  const sender = t.senderName ?? '';
  const person = (
    <>
      <F>{t.name}</F>同志，性别<F>{sex}</F>，年龄<F>{t.age ?? ''}</F>岁，民族<F>{t.ethnicity ?? ''}</F>，系中共<F>{kind}</F>党员，
      <Pair>
        公民身份号码<F wide>{t.idNumber}</F>
      </Pair>
    </>
  );
  return (
    <article className="letter-sheet" data-testid="transfer-letter" aria-label={`介绍信 ${t.letterNo}`}>
      <section className="letter-part" aria-label="存根">
        <span className="part-label">存根</span>
        <h2>中国共产党党员组织关系介绍信（存根）</h2>
        <p className="letter-no">第 <F>{t.letterNo}</F> 号</p>
        <p className="indent">
          {person}，由<F wide>{t.from}</F>转到<F wide>{t.to}</F>。
        </p>
        <p className="indent">
          党费交到<F>{cnMonth(t.duesPaidUntil)}</F>。有效期<F>{t.validDays ?? ''}</F>天。
          <Pair>
            党员联系电话<F>{t.phone ?? ''}</F>。
          </Pair>
        </p>
        <p className="sign">开具日期：{cnDate(t.date)}</p>
      </section>
      <section className="letter-part" aria-label="介绍信">
        <span className="cut">（沿此线剪开，此联交党员本人）</span>
        <span className="part-label">介绍信</span>
        <h2>中国共产党党员组织关系介绍信</h2>
        <p className="letter-no">第 <F>{t.letterNo}</F> 号</p>
        <p>
          <F wide>{t.to}</F>：
        </p>
        <p className="indent">
          {person}，由<F wide>{t.from}</F>转去你处，请接洽。
        </p>
        <p className="indent">
          该同志党费已交到<F>{cnMonth(t.duesPaidUntil)}</F>。（有效期<F>{t.validDays ?? ''}</F>天）
        </p>
        {/* The two phones side by side (the second moves under the first when they do not fit), then the address
            alone, its blank taking the rest of the line (a long address wraps inside it). A label never ends a
            line without its blank. */}
        <div className="letter-contacts">
          <div className="row phones">
            <span className="pair">
              <span className="label">党员联系电话：</span>
              <span className="fill value">{t.phone || '\u00a0'}</span>
            </span>
            <span className="pair">
              <span className="label">党委联系电话：</span>
              <span className="fill value">{t.senderPhone || '\u00a0'}</span>
            </span>
          </div>
          <div className="row">
            <span className="label">党员原所在基层党委通讯地址：</span>
            <span className="fill value">{t.senderAddress || '\u00a0'}</span>
          </div>
        </div>
        <p className="sign">
          （盖章）<F wide>{sender}</F>
          <br />
          {cnDate(t.date)}
        </p>
      </section>
      <section className="letter-part" aria-label="回执">
        <span className="cut">（沿此线剪开，此联由接收党组织填写后寄回）</span>
        <span className="part-label">回执</span>
        <h2>中国共产党党员组织关系介绍信回执</h2>
        <p className="letter-no">第 <F>{t.letterNo}</F> 号</p>
        <p>
          <F wide>{sender}</F>：
        </p>
        <p className="indent">
          <F>{t.name}</F>同志的党员组织关系已转达我处，特此回执。请于开具之日起一个月内（{cnDate(t.receiptDue)}前）寄回。
        </p>
        <p className="sign">
          （盖章）<F wide>{'\u00a0'}</F>
          <br />
          {'\u3000\u3000\u3000\u3000'}年{'\u3000\u3000'}月{'\u3000\u3000'}日
        </p>
      </section>
    </article>
  );
}
