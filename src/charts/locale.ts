/**
 * Numbers and dates in the chart's language.
 *
 * - Vega's formatLocale / timeFormatLocale per language (View option `locale`).
 * - A custom format type `dpNumber` (Vega expression function): zh with 万/亿
 *   (1500万, 1.2亿, ¥ as 元), en with K/M/B or thousand/million/billion and CNY.
 *   Templates use `"formatType": "dpNumber", "format": "units"`; with a locale the
 *   renderer also makes it the default number format of axes, legends and text.
 *
 * Format string: words separated by spaces — `units` (default), `long` (en: 15 million),
 * `currency`, and `.N` for at most N decimals (default 2; trailing zeros dropped).
 */
import { group, round, shift, toDecimal, toPlain } from '../format/index.js';
import { EN } from '../format/locales/en.js';

export type ChartLocale = 'zh-CN' | 'en-US';

export const NUMBER_LOCALES: Record<ChartLocale, object> = {
  'zh-CN': { decimal: '.', thousands: ',', grouping: [3], currency: ['¥', ''] },
  'en-US': { decimal: '.', thousands: ',', grouping: [3], currency: ['CNY ', ''] },
};

const ZH_MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];
export const TIME_LOCALES: Record<ChartLocale, object> = {
  'zh-CN': {
    dateTime: '%x %A %X',
    date: '%Y年%-m月%-d日',
    time: '%H:%M:%S',
    periods: ['上午', '下午'],
    days: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    shortDays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    months: ZH_MONTHS,
    shortMonths: ZH_MONTHS.map((_, i) => `${i + 1}月`),
  },
  'en-US': {
    dateTime: '%x, %X',
    date: '%-m/%-d/%Y',
    time: '%-I:%M:%S %p',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: EN.months,
    shortMonths: EN.months.map((m) => m.slice(0, 3)),
  },
};

export function isChartLocale(s: string): s is ChartLocale {
  return s === 'zh-CN' || s === 'en-US';
}

/** Scales from smallest to largest: power of ten, short word, long word. */
const ZH_SCALES: [number, string, string][] = [
  [0, '', ''],
  [4, '万', '万'],
  [8, '亿', '亿'],
];
const EN_SCALES: [number, string, string][] = [
  [0, '', ''],
  [3, 'K', ' thousand'],
  [6, 'M', ' million'],
  [9, 'B', ' billion'],
  [12, 'T', ' trillion'],
];

/**
 * Exact decimal arithmetic (src/format): the scale is chosen after rounding, so 999999 is
 * 1M (not 1000K) and 99999999 is 1亿 (not 10000万); 1.005 rounds half away from zero to 1.01.
 */
function scaled(a: number, digits: number, scales: [number, string, string][], long: boolean): string {
  const d = toDecimal(a);
  let i = scales.length - 1;
  while (i > 0 && a < 10 ** scales[i]![0]) i--;
  let r = round(shift(d, -scales[i]![0]), digits);
  const next = scales[i + 1];
  if (next && r.digits.length - r.scale > next[0] - scales[i]![0]) {
    r = round(shift(d, -next[0]), digits);
    i++;
  }
  const [power, short, longWord] = scales[i]!;
  const text = toPlain(r);
  return (power === 0 ? group(text) : text) + (long ? longWord : short);
}

/** Format a number with language units (see the module comment for `format`). */
export function formatUnits(value: unknown, lang: ChartLocale, format = 'units'): string {
  const v = typeof value === 'number' ? value : Number(value);
  if (value == null || value === '' || !Number.isFinite(v)) return value == null ? '' : String(value);
  const words = format.split(/\s+/);
  const digits = Number(words.find((w) => /^\.\d+$/.test(w))?.slice(1) ?? 2);
  const long = words.includes('long');
  const currency = words.includes('currency');
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  let body: string;
  if (lang === 'zh-CN') {
    body = scaled(a, digits, ZH_SCALES, long);
    return currency ? `${sign}${body}元` : sign + body;
  }
  body = scaled(a, digits, EN_SCALES, long);
  return currency ? `${sign}CNY ${body}` : sign + body;
}

/** Vega expression functions for the custom format type (register once, before parsing). */
export function registerFormatTypes(vega: { expressionFunction(name: string, fn: unknown): unknown }): void {
  vega.expressionFunction(
    'dpNumber',
    function (this: { context?: { dataflow?: { __dpLocale?: ChartLocale } } }, value: unknown, format?: string) {
      return formatUnits(
        value,
        this?.context?.dataflow?.__dpLocale ?? 'en-US',
        typeof format === 'string' && format ? format : 'units',
      );
    },
  );
}

/** Vega-Lite config that makes `dpNumber` the default number format. */
export function localeConfig(): Record<string, unknown> {
  return { customFormatTypes: true, numberFormatType: 'dpNumber', numberFormat: 'units' };
}
