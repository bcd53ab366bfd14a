import { describe, expect, it } from 'vitest';
import { localeFor, type FormatSpec } from '../../src/format/index.js';
import { loadModel } from '../../src/model/index.js';
import { percentChange, toDecimal, toPlain } from '../../src/format/decimal.js';

const zh = localeFor('zh');
const en = localeFor('en');

describe('decimal', () => {
  it('shifts and rounds without float noise', () => {
    expect(toPlain(toDecimal(0.1 + 0.2))).toBe('0.30000000000000004'); // JS's own noise is kept exactly, not added to
    expect(zh.value(0.049, { unit: 'percent' })).toBe('4.9%');
    expect(zh.value(0.07, { unit: 'percent' })).toBe('7%');
    expect(zh.value(0.575, { unit: 'percent' })).toBe('57.5%');
    expect(en.value(1.005e6, { unit: 'person' })).toBe('1.01 million'); // half away from zero on the decimal, not 1.00
    expect(toPlain(percentChange(12280000, 15706000))).toBe('27.9');
    expect(toPlain(percentChange(100, 50))).toBe('-50');
    expect(zh.change(100, 50)).toBe('−50%');
    expect(percentChange(100, 50).neg).toBe(true);
  });
  it('handles exponent notation', () => {
    expect(toPlain(toDecimal(1e21))).toBe('1000000000000000000000');
    expect(toPlain(toDecimal(1.5e-7))).toBe('0.00000015');
  });
});

describe("the issue's examples", () => {
  const person: FormatSpec = { unit: 'person' };
  it('formats counts, money, rates, ranks, growth', () => {
    expect(zh.value(15706000, person)).toBe('1570.6万人');
    expect(en.value(15706000, person)).toBe('15.71 million');
    expect(en.value(15706000, person, { exact: true })).toBe('15.706 million');
    expect(zh.value(2715, { unit: 'yuan/month' })).toBe('2715元/月');
    expect(en.value(2715, { unit: 'yuan/month' })).toBe('CNY 2,715 a month');
    expect(zh.value(145000000000, { unit: 'yuan' })).toBe('1450亿元');
    expect(en.value(145000000000, { unit: 'yuan' })).toBe('CNY 145 billion');
    expect(zh.value(0.95, { unit: 'percent' })).toBe('95%');
    expect(en.value(0.95, { unit: 'percent' })).toBe('95%');
    expect(zh.value(7, { unit: 'rank' })).toBe('第7位');
    expect(en.value(7, { unit: 'rank' })).toBe('7th');
    expect(en.value(12, { unit: 'rank' })).toBe('12th');
    expect(en.value(21, { unit: 'rank' })).toBe('21st');
    expect(zh.change(12280000, 15706000)).toBe('+27.9%');
    expect(en.change(12280000, 15706000)).toBe('+27.9%');
    expect(zh.value(4200, { unit: 'count', counter: { zh: '张', en: 'bed|beds' }, scale: { zh: '万' } })).toBe(
      '0.42万张',
    );
    expect(en.value(4200, { unit: 'count', counter: { zh: '张', en: 'bed|beds' }, scale: { zh: '万' } })).toBe(
      '4,200 beds',
    );
    expect(en.value(1, { unit: 'count', counter: { en: 'bed|beds' } })).toBe('1 bed');
  });
});

/** Every figure of the seed in both languages, as the article (zh) and a newsroom (en) write it. */
const SEED: [string, number, string, string][] = [
  ['pension.insured', 2012, '1228万人', '12.28 million'],
  ['pension.insured', 2020, '1570.6万人', '15.71 million'],
  ['pension.raises', 2020, '17连涨', '17 consecutive increases'],
  ['pension.average', 2012, '1730元/月', 'CNY 1,730 a month'],
  ['pension.average', 2020, '2715元/月', 'CNY 2,715 a month'],
  ['pension.basic', 2012, '55元/月', 'CNY 55 a month'],
  ['pension.basic', 2020, '133元/月', 'CNY 133 a month'],
  ['medical.insured', 2020, '2183.9万人', '21.84 million'],
  ['medical.coverage', 2020, '95%以上', 'over 95%'],
  ['medical.income', 2020, '1450亿元', 'CNY 145 billion'],
  ['medical.spending', 2020, '1223亿元', 'CNY 122.3 billion'],
  ['medical.reimbursement.employees', 2020, '85%左右', 'about 85%'],
  ['medical.reimbursement.residents', 2020, '70%左右', 'about 70%'],
  ['injury.insured', 2012, '248.9万人', '2.49 million'],
  ['injury.insured', 2020, '336万人', '3.36 million'],
  ['unemployment.insured', 2012, '232.8万人', '2.33 million'],
  ['unemployment.insured', 2020, '276.5万人', '2.77 million'],
  ['dibao.raises', 2020, '15连涨', '15 consecutive increases'],
  ['dibao.urban.recipients', 2020, '30.4万人', '304,000'],
  ['dibao.urban.standard', 2020, '772元/月', 'CNY 772 a month'],
  ['dibao.urban.rank', 2020, '第7位', '7th'],
  ['dibao.rural.recipients', 2020, '131.8万人', '1.32 million'],
  ['dibao.rural.standard', 2020, '6731元/年', 'CNY 6,731 a year'],
  ['dibao.rural.rank', 2020, '第9位', '9th'],
  ['destitute.urban.standard', 2020, '1308元/月', 'CNY 1,308 a month'],
  ['destitute.urban.growth', 2020, '5%', '5%'],
  ['destitute.rural.standard', 2020, '10533元/年', 'CNY 10,533 a year'],
  ['destitute.rural.growth', 2020, '4.9%', '4.9%'],
  ['children.orphans', 2020, '2170名', '2,170 orphans'],
  ['children.unsupported', 2020, '2810名', '2,810 children'],
  ['children.allowance.institutional', 2020, '1530元/月', 'CNY 1,530 a month'],
  ['children.allowance.dispersed', 2020, '1288元/月', 'CNY 1,288 a month'],
  ['children.tomorrow.funds', 2020, '1211万元', 'CNY 12.11 million'],
  ['children.tomorrow.operations', 2020, '337名', '337 orphans'],
  ['children.left-behind', 2020, '1.72万名', '17,200 children'],
  ['disability.hardship.allowance', 2020, '每人每月100元', 'CNY 100 per person a month'],
  ['disability.care.allowance', 2020, '每人每月100元', 'CNY 100 per person a month'],
  ['disability.hardship.rank', 2020, '第9位', '9th'],
  ['disability.care.rank', 2020, '第12位', '12th'],
  ['disability.hardship.beneficiaries', 2020, '31.44万人', '314,400'],
  ['disability.care.beneficiaries', 2020, '28.95万人', '289,500'],
  ['eldercare.public.homes', 2020, '308所', '308 homes'],
  ['eldercare.public.beds', 2020, '3.35万张', '33,500 beds'],
  ['eldercare.private.homes', 2020, '443所', '443 homes'],
  ['eldercare.private.beds', 2020, '5.18万张', '51,800 beds'],
  ['eldercare.daycare.centers', 2020, '922所', '922 centres'],
  ['eldercare.daycare.beds', 2020, '1.18万张', '11,800 beds'],
  ['eldercare.mutual.homes', 2020, '1590所', '1,590 homes'],
  ['eldercare.mutual.beds', 2020, '14.06万张', '140,600 beds'],
  ['eldercare.pastoral.homes', 2020, '9所', '9 apartment blocks'],
  ['eldercare.pastoral.beds', 2020, '0.42万张', '4,200 beds'],
  ['eldercare.street.institutions', 2020, '53个', '53 institutions'],
  ['eldercare.community.stations', 2020, '125个', '125 stations'],
  ['eldercare.community.daycare', 2020, '922个', '922 centres'],
  ['pension.insured', 2025, '1630万人', '16.3 million'],
  ['unemployment.insured', 2025, '290万人', '2.9 million'],
  ['injury.insured', 2025, '340万人', '3.4 million'],
];

describe('every seed figure', () => {
  const model = loadModel('data/nmg-social-security-2021.yaml', { root: '.' });
  it('covers every observation in the data', () => {
    const listed = new Set(SEED.map(([id, y]) => `${id}@${y}`));
    const inData = model.observations.map((o) => `${o.id}@${o.year}`);
    expect(inData.filter((k) => !listed.has(k))).toEqual([]);
    expect(inData.length).toBe(SEED.length);
  });
  it.each(SEED)('%s %i → %s / %s', (id, year, zhText, enText) => {
    const ind = model.indicators[id];
    const o = model.observations.find((x) => x.id === id && x.year === year)!;
    expect(zh.value(o.value, ind, { qualifier: o.qualifier })).toBe(zhText);
    expect(en.value(o.value, ind, { qualifier: o.qualifier })).toBe(enText);
  });
});
