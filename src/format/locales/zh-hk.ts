/** Traditional Chinese as Hong Kong writes it (zh-HK): 計劃, 港元, 加元, 米 and 噸, 第三季. */
import type { ChineseTable } from '../chinese.js';
import { ZH_HANT } from './zh-hant.js';

export const ZH_HK: ChineseTable = {
  ...ZH_HANT,
  tag: 'zh-HK',
  script: 'HK',
  number: {
    ...ZH_HANT.number,
    scales: [
      { power: 12, word: '萬億', names: ['萬億', '万亿', '兆'] },
      { power: 8, word: '億', names: ['億', '亿'] },
      { power: 4, word: '萬', names: ['萬', '万'] },
    ],
  },
  per: { ...ZH_HANT.per, week: '周' },
  measures: { ...ZH_HANT.measures, m2: '平方米', m: '米', t: '噸', kWh: '千瓦小時', m3: '立方米' },
  currencies: {
    ...ZH_HANT.currencies,
    HKD: ['', '港元'],
    MOP: ['', '澳門元'],
    CAD: ['', '加元'],
    AUD: ['', '澳元'],
    NZD: ['', '紐元'],
    SGD: ['', '新加坡元'],
    TWD: ['', '新台幣'],
    JPY: ['', '日圓'],
  },
  intl: 'zh-HK',
  quarters: ['第一季', '第二季', '第三季', '第四季'],
  target: { goal: '目標', plan: '計劃', expected: '預期' },
  words: {
    ...ZH_HANT.words,
    'report.screen': '屏幕版',
    'poster.overview.alt': '資訊圖海報《{title}》，{n}個重點：{list}。',
    'poster.targets.alt': '資訊圖海報《{title}》：',
    'poster.highlight.alt': '資訊圖海報《{title}》之{n}：{heading}。',
    'chart.bar': '棒形圖',
    'target.plan': '計劃',
  },
};
