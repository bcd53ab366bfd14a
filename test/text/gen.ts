/** fast-check generators of realistic Chinese / Latin / number text with protected spans. */
import fc from 'fast-check';

export interface Piece {
  text: string;
  core: [number, number] | null;
  unit: string;
}
export interface Sample {
  text: string;
  protectedSpans: { start: number; end: number; unit: string }[];
}

const HAN = [...'人口城镇化比上年末减少增长经济数据统计全国居民收入消费国内生产总值就业率投资贸易'];
const CLOSE = ['，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '”'];
const OPEN = ['（', '《', '「', '“'];
const UNITS = ['', '万人', '%', '万', '亿元', '元/月', '人', '年', '个百分点'];

const han = fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
const latin = fc.stringMatching(/^[A-Za-z]{1,12}$/);
const number = fc
  .tuple(
    fc.constantFrom('', '', 'CNY '),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.option(fc.integer({ min: 0, max: 99 })),
    fc.constantFrom(...UNITS),
    fc.boolean(),
  )
  .map(
    ([pre, n, frac, unit, group]) =>
      pre + (group ? n.toLocaleString('en-US') : String(n)) + (frac == null ? '' : `.${frac}`) + unit,
  );

const unit = fc.tuple(
  fc.option(fc.constantFrom(...OPEN), { freq: 4 }),
  fc.oneof(
    { weight: 5, arbitrary: han.map((t) => ({ t, kind: 'han' as const })) },
    { weight: 2, arbitrary: latin.map((t) => ({ t, kind: 'latin' as const })) },
    { weight: 2, arbitrary: number.map((t) => ({ t, kind: 'number' as const })) },
  ),
  fc.option(fc.constantFrom(...CLOSE), { freq: 3 }),
  fc.integer({ min: 0, max: 15 }),
);

export const sampleText: fc.Arbitrary<Sample> = fc.array(unit, { minLength: 1, maxLength: 40 }).map((units) => {
  let text = '';
  const protectedSpans: Sample['protectedSpans'] = [];
  let prevKind: string | null = null;
  for (const [open, core, close, nl] of units) {
    if (prevKind !== null) {
      if (nl === 0) text += '\n';
      else if (core.kind !== 'han' || prevKind !== 'han') text += ' ';
    }
    const u = (open ?? '') + core.t + (close ?? '');
    const start = text.length + (open ?? '').length;
    if (core.kind !== 'han') protectedSpans.push({ start, end: start + core.t.length, unit: u });
    text += u;
    prevKind = core.kind;
  }
  return { text, protectedSpans };
});
