/**
 * Structure: the Handlebars layout templates/report/report.hbs, rendered with a localized
 * view of the model, gives an XML-ish document; parsed here into a tree of blocks
 * (heading, paragraph, list, figures, chart, credits, keep groups, sections). The blocks
 * say what the report contains and in which order; measure/flow/draw decide the pixels.
 */
import type { Highlight, Model, Text } from '../../model/types.js';
import { localeFor } from '../../format/index.js';
import { renderTemplate } from '../../layout/handlebars.js';
import { unescapeXml } from '../../layout/xml.js';

export const REPORT_TEMPLATE = 'templates/report/report.hbs';

// ---------- the localized view the template sees ----------

const LABELS: Record<string, Record<string, string>> = {
  zh: { intro: '导语', credits: '本版制作', page: '第{n}页' },
  en: { intro: 'Introduction', credits: 'Credits', page: 'Page {n}' },
};

export const label = (lang: string, key: string): string => (LABELS[lang] ?? LABELS.en!)[key] ?? key;

function pick(t: Text | undefined, lang: string, fallback?: string): string {
  if (!t) return '';
  return t[lang] ?? (fallback ? t[fallback] : undefined) ?? Object.values(t)[0] ?? '';
}

function dateText(iso: string, lang: string): string {
  const [y, m] = iso.split('-').map(Number);
  return lang === 'zh'
    ? `${y}年${m}月`
    : new Date(Date.UTC(y!, m! - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function highlightView(h: Highlight, lang: string) {
  const k = h.key!;
  return {
    id: h.id,
    number: h.number,
    numberText: String(h.number).padStart(2, '0'),
    title: pick(h.title, lang),
    chartTitle: pick(h.chart!.title, lang),
    alt: pick(h.alt, lang),
    key: {
      label: pick(k.label, lang),
      prefix: k.value[lang]?.prefix ?? '',
      number: k.value[lang]?.number ?? '',
      suffix: k.value[lang]?.suffix ?? '',
      yearText: localeFor(lang).year(k.year),
      compare: k.compare ? pick(k.compare.text, lang) : '',
      change: k.compare?.change ?? '',
      rank: k.rank ? pick(k.rank, lang) : '',
    },
    facts: h.facts.map((f) => pick(f.text, lang)),
  };
}

/** What report.hbs renders: everything in `lang`, with `summary` views in the second language. */
export function reportView(model: Model, langs: string[]) {
  const [lang, second] = langs as [string, string | undefined];
  const base = (l: string) => ({
    lang: l,
    labels: LABELS[l] ?? LABELS.en!,
    kicker: pick(model.meta.kicker, l),
    title: pick(model.meta.title, l),
    intro: pick(model.meta.intro, l),
    region: pick(model.meta.region, l),
    dateText: dateText(model.meta.date, l),
    tagline: model.meta.tagline.map((t) => pick(t, l)),
    source: pick(model.meta.source, l),
    photoCredit: pick(model.photoCredit, l),
    credits: model.meta.credits.map((c) => ({
      role: pick(c.role, l),
      names: c.names.map((n) => pick(n, l)).join(l === 'zh' ? '、' : ', '),
    })),
    targets: { heading: targetsHeading(model, l), alt: pick(model.outlook!.targets!.alt, l) },
  });
  const withDigits = (ps: string[]) => {
    const some = ps.filter((p) => /\d/.test(p));
    return some.length ? some : ps.slice(0, 1);
  };
  const sum = second ? base(second) : undefined;
  const view = {
    ...base(lang),
    summary: sum ? { lang: second, title: sum.title, intro: sum.intro } : undefined,
    highlights: model.highlights.map((h) => {
      const v = highlightView(h, lang);
      return { ...v, summary: second ? { lang: second, ...highlightView(h, second) } : undefined };
    }),
    outlook: {
      title: pick(model.outlook!.title, lang),
      byline: pick(model.outlook!.byline, lang),
      lede: pick(model.outlook!.lede, lang),
      summary: second ? { lang: second, title: pick(model.outlook!.title, second) } : undefined,
      sections: model.outlook!.sections.map((s) => ({
        id: s.id,
        heading: pick(s.heading, lang),
        body: s.body.map((b) => pick(b, lang)),
        summary: second
          ? { lang: second, heading: pick(s.heading, second), body: withDigits(s.body.map((b) => pick(b, second))) }
          : undefined,
      })),
    },
  };
  if (sum) (view.targets as Record<string, unknown>).summary = { heading: sum.targets.heading };
  return view;
}

function targetsHeading(model: Model, lang: string): string {
  const t = model.outlook!.targets!;
  return lang === 'zh' ? `${pick(t.period, lang)}目标` : `Targets for ${pick(t.period, lang)}`;
}

// ---------- the XML-ish document ----------

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: (Element | string)[];
  /** line in the rendered template (for messages) */
  line: number;
}

/** A small, strict parser: elements, attributes in double quotes, text, comments. */
export function parseMarkup(src: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [], line: 1 };
  const stack: Element[] = [root];
  const re = /<!--[\s\S]*?-->|<\/([a-z][\w-]*)\s*>|<([a-z][\w-]*)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const lineAt = (i: number) => src.slice(0, i).split('\n').length;
  for (const m of src.matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      if (top.tag !== m[1]) throw new Error(`report layout line ${lineAt(m.index)}: </${m[1]}> closes <${top.tag}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = unescapeXml(a[2]!);
      const el: Element = { tag: m[2], attrs, children: [], line: lineAt(m.index) };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5] !== undefined) {
      top.children.push(unescapeXml(m[5]));
    } else if (m[6]) {
      throw new Error(`report layout line ${lineAt(m.index)}: stray "<"`);
    }
  }
  if (stack.length > 1) throw new Error(`report layout: <${stack[stack.length - 1]!.tag}> is never closed`);
  const doc = root.children.find((c): c is Element => typeof c !== 'string');
  if (doc?.tag !== 'doc') throw new Error('report layout: the root element must be <doc>');
  return doc;
}

// ---------- blocks ----------

export interface FigureItem {
  label: string;
  prefix: string;
  number: string;
  suffix: string;
  year: string;
  compare: string;
  change: string;
  rank: string;
}

export type Block =
  | {
      type: 'masthead';
      lang: string;
      kicker: string;
      title: string;
      subtitle?: { text: string; lang: string };
      tagline: string[];
      dateline: string;
    }
  | { type: 'section'; lang: string; id: string; bookmark: string; children: Block[] }
  | { type: 'heading'; lang: string; level: 1 | 2 | 3; text: string; number?: string }
  | { type: 'paragraph'; lang: string; cls: string; text: string }
  | { type: 'list'; lang: string; cls: string; items: string[] }
  | { type: 'keep'; lang: string; children: Block[] }
  | { type: 'figures'; lang: string; items: FigureItem[] }
  | { type: 'chart'; lang: string; ref: string; title: string; alt: string }
  | { type: 'credits'; lang: string; items: { role: string; names: string }[] };

export interface ReportDocument {
  lang: string;
  blocks: Block[];
}

function textOf(el: Element, lang: string): string {
  const raw = el.children.map((c) => (typeof c === 'string' ? c : textOf(c, lang))).join('');
  const s = raw.replace(/\s+/g, ' ').trim();
  // no spaces between Chinese characters that came from line breaks in the source
  return lang === 'zh' ? s.replace(/(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])/g, '') : s;
}

const elements = (el: Element) => el.children.filter((c): c is Element => typeof c !== 'string');

function toBlock(el: Element, inherited: string): Block | undefined {
  const lang = el.attrs.lang || inherited;
  const kids = () =>
    elements(el)
      .map((c) => toBlock(c, lang))
      .filter((b): b is Block => !!b);
  switch (el.tag) {
    case 'masthead': {
      const get = (t: string) => elements(el).find((c) => c.tag === t);
      const sub = get('subtitle');
      return {
        type: 'masthead',
        lang,
        kicker: get('kicker') ? textOf(get('kicker')!, lang) : '',
        title: get('title') ? textOf(get('title')!, lang) : '',
        subtitle: sub ? { text: textOf(sub, sub.attrs.lang || lang), lang: sub.attrs.lang || lang } : undefined,
        tagline: get('tagline') ? elements(get('tagline')!).map((i) => textOf(i, lang)) : [],
        dateline: get('dateline') ? textOf(get('dateline')!, lang) : '',
      };
    }
    case 'section':
      return { type: 'section', lang, id: el.attrs.id ?? '', bookmark: el.attrs.bookmark ?? '', children: kids() };
    case 'keep':
      return { type: 'keep', lang, children: kids() };
    case 'h1':
    case 'h2':
    case 'h3': {
      const text = textOf(el, lang);
      return text
        ? { type: 'heading', lang, level: Number(el.tag[1]) as 1 | 2 | 3, text, number: el.attrs.number }
        : undefined;
    }
    case 'p': {
      const text = textOf(el, lang);
      return text ? { type: 'paragraph', lang, cls: el.attrs.class ?? 'body', text } : undefined;
    }
    case 'list':
      return {
        type: 'list',
        lang,
        cls: el.attrs.class ?? '',
        items: elements(el)
          .filter((c) => c.tag === 'li')
          .map((c) => textOf(c, lang))
          .filter(Boolean),
      };
    case 'figures':
      return {
        type: 'figures',
        lang,
        items: elements(el).map((f) => ({
          label: f.attrs.label ?? '',
          prefix: f.attrs.prefix ?? '',
          number: f.attrs.number ?? '',
          suffix: f.attrs.suffix ?? '',
          year: f.attrs.year ?? '',
          compare: f.attrs.compare ?? '',
          change: f.attrs.change ?? '',
          rank: f.attrs.rank ?? '',
        })),
      };
    case 'chart':
      return { type: 'chart', lang, ref: el.attrs.ref ?? '', title: el.attrs.title ?? '', alt: el.attrs.alt ?? '' };
    case 'credits':
      return {
        type: 'credits',
        lang,
        items: elements(el).map((c) => ({ role: c.attrs.role ?? '', names: textOf(c, lang) })),
      };
    default:
      throw new Error(`report layout line ${el.line}: unknown element <${el.tag}>`);
  }
}

/** Render the layout for `langs` ([primary] or [primary, summary]) and parse it into blocks. */
export function buildStructure(template: string, model: Model, langs: string[]): ReportDocument {
  const markup = renderTemplate(template, reportView(model, langs));
  const doc = parseMarkup(markup);
  const lang = doc.attrs.lang || langs[0]!;
  return {
    lang,
    blocks: elements(doc)
      .map((e) => toBlock(e, lang))
      .filter((b): b is Block => !!b),
  };
}
