/**
 * Structure: the Handlebars layout templates/report/report.hbs, rendered with a localized
 * view of the model, gives an XML-ish document; parsed here into a tree of blocks
 * (heading, paragraph, list, figures, chart, photos, keep groups, sections). The blocks
 * say what the report contains and in which order; measure/flow/draw decide the pixels.
 *
 * The view reads the model through `ReportSource` (below): every part but the title and
 * the highlights' titles may be absent, and an absent part is dropped with its heading and
 * its space. Every text is shown in each of the report's languages: the first language in
 * full, each other language as the summary lines under it (`…Alt` lists). Built-in words
 * come from say() (src/format), dates from the locale at the precision the data gives.
 */
import { localeFor, parseDate, say } from '../../format/index.js';
import { renderTemplate } from '../../layout/handlebars.js';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Model, Text } from '../../model/types.js';
import { typographic } from '../../text/index.js';

export const REPORT_TEMPLATE = 'templates/report/report.hbs';

// ---------- what the report reads from the model ----------

/**
 * The parts of the model the report shows. Everything the dataset format makes optional is
 * optional here, so a model without an outlook, targets, photos, credits, a key figure or a
 * chart typesets without them (the model types of datapress/1 are a special case of this).
 */
export interface ReportSource {
  langs: string[];
  meta: {
    title: Text;
    kicker?: Text;
    subtitle?: Text;
    intro?: Text;
    region?: Text;
    /** YYYY, YYYY-MM or YYYY-MM-DD */
    date: string;
    /** the dateline's date per language, at the precision the data gives (else formatted here from `date`) */
    dateText?: Text;
    tagline?: Text[];
    source?: Text;
    /** the source's address: set with the source line in each language */
    sourceUrl?: string;
    keywords?: Text[];
    credits?: { role: Text; names: Text[] }[];
    /** the publisher's name (masthead, running head, credits) and logo (absolute path; masthead) */
    publisher?: { name?: Text; logo?: string; url?: string };
    /** "8 of 10 projects shown", per language */
    items?: { shown: Text };
  };
  highlights: {
    id: string;
    number: number;
    title: Text;
    group?: Text;
    key?: {
      year?: number;
      /** the key figure's time in words per language ('2020年', 'H1 2023', '截至2023年6月30日'; '' when timeless) */
      timeText?: Text;
      label: Record<string, string>;
      value: Record<string, { prefix: string; number: string; suffix: string }>;
      compare?: { change: string; changeText?: Text; text: Text };
      rank?: Text;
    };
    chart?: { title?: Text };
    facts?: { text: Text }[];
    quote?: { text: Text; speaker: Text; role?: Text };
    alt?: Text;
  }[];
  outlook?: {
    title?: Text;
    byline?: Text;
    lede?: Text;
    targets?: { period?: Text; title?: Text; alt?: Text };
    sections?: { id: string; heading?: Text; body?: Text[] }[];
  };
  photos?: { caption?: Text; image?: string }[];
  photoCredit?: Text;
}

/** The model as the report reads it. */
export const reportSource = (model: Model): ReportSource => model;

// ---------- the localized view the template sees ----------

export interface Piece {
  lang: string;
  text: string;
}

/** A text in one language as the report sets it: trimmed, with typographic quotes and apostrophes (it’s, “the plan”). */
const get = (t: Text | undefined, lang: string): string => typographic((t?.[lang] ?? '').trim(), lang);

/** The text in each of `langs` that has it. */
const pieces = (t: Text | undefined, langs: string[]): Piece[] =>
  langs.map((lang) => ({ lang, text: get(t, lang) })).filter((p) => p.text);

/** A calendar date at the precision the data gives, or the text as written when it is not one. */
export function dateText(date: string, lang: string): string {
  const p = parseDate(date);
  return typeof p === 'string' ? date : localeFor(lang).date(p);
}

export interface PhotoFile {
  /** index in model.photos */
  index: number;
  /** absolute path */
  file: string;
}

export interface ViewOptions {
  /** photos whose image files are placed (resolved by the caller); captions of the others go with the credits */
  photoFiles?: PhotoFile[];
  /** whether the publisher's logo file is placed (it was found and read by the caller) */
  logo?: boolean;
}

/** What report.hbs renders: everything in `langs[0]`, with `…Alt` pieces in the other languages. */
export function reportView(model: Model, langs: string[], opts: ViewOptions = {}) {
  const src = reportSource(model);
  const [lang, ...others] = langs as [string, ...string[]];
  const alt = (t: Text | undefined) => pieces(t, others);
  const each = (t: Text | undefined) => pieces(t, langs);
  const words = (key: Parameters<typeof say>[1], vars?: Record<string, string | number>) => ({
    text: say(lang, key, vars),
    alt: others.map((l) => ({ lang: l, text: say(l, key, vars) })),
  });
  const m = src.meta;

  const subtitles = [...pieces(m.subtitle, langs), ...alt(m.title)];
  const dateline = langs.map((l) => ({
    lang: l,
    text: [get(m.region, l), get(m.dateText, l) || dateText(m.date, l)].filter(Boolean).join(' · '),
  }));

  const highlights = src.highlights.map((h, k) => {
    const key = h.key;
    const keyFor = (l: string) =>
      key?.value[l]
        ? {
            lang: l,
            label: key.label[l] ?? '',
            prefix: key.value[l]!.prefix,
            number: key.value[l]!.number,
            suffix: key.value[l]!.suffix,
            when: key.timeText ? get(key.timeText, l) : key.year ? localeFor(l).year(key.year) : '',
            compare: get(key.compare?.text, l),
            change: get(key.compare?.changeText, l) || (key.compare?.change ?? ''),
            rank: get(key.rank, l),
          }
        : undefined;
    const quoteFor = (l: string) => {
      const q = h.quote;
      const text = get(q?.text, l);
      if (!q || !text) return '';
      const name = get(q.speaker, l);
      const role = get(q.role, l);
      const speaker = role ? say(l, 'report.speaker', { name, role }) : name;
      return say(l, 'report.quoted', { speaker, text });
    };
    /** the primary language's quote as a pull quote: the words, then who said them */
    const pull = (() => {
      const q = h.quote;
      const text = get(q?.text, lang);
      if (!q || !text) return undefined;
      const name = get(q.speaker, lang);
      const role = get(q.role, lang);
      const speaker = role && name ? say(lang, 'report.speakerRole', { name, role }) : name || role;
      return {
        text: say(lang, 'report.pullQuote', { text }),
        by: speaker ? say(lang, 'report.attribution', { speaker }) : '',
      };
    })();
    const facts = (l: string) => (h.facts ?? []).map((f) => get(f.text, l)).filter(Boolean);
    const prev = k > 0 ? src.highlights[k - 1] : undefined;
    const groupStarts = !!h.group && get(h.group, lang) !== get(prev?.group, lang);
    return {
      id: h.id,
      sect: `highlight-${h.id}`,
      numberText: String(h.number).padStart(2, '0'),
      title: get(h.title, lang),
      titleAlt: alt(h.title),
      group: groupStarts ? { text: get(h.group, lang), alt: alt(h.group) } : undefined,
      key: keyFor(lang),
      facts: facts(lang),
      quote: pull,
      chart: h.chart ? { title: get(h.chart.title, lang), titleAlt: alt(h.chart.title) } : undefined,
      alt: get(h.alt, lang),
      summaries: others
        .map((l) => ({ lang: l, facts: facts(l), quote: quoteFor(l) }))
        .filter((s) => s.facts.length || s.quote),
    };
  });

  const o = src.outlook;
  const t = o?.targets;
  const targets = t
    ? {
        heading: t.period ? say(lang, 'report.targets', { period: get(t.period, lang) }) : get(t.title, lang),
        headingAlt: others
          .map((l) => ({
            lang: l,
            text: t.period ? say(l, 'report.targets', { period: get(t.period, l) }) : get(t.title, l),
          }))
          .filter((p) => p.text),
        title: get(t.title, lang),
        titleAlt: alt(t.title),
        alt: get(t.alt, lang),
      }
    : undefined;
  const sections = (o?.sections ?? [])
    .map((s) => ({
      heading: get(s.heading, lang),
      headingAlt: alt(s.heading),
      body: (s.body ?? []).map((b) => get(b, lang)).filter(Boolean),
      bodyAlt: others.flatMap((l) => (s.body ?? []).map((b) => ({ lang: l, text: get(b, l) })).filter((p) => p.text)),
    }))
    .filter((s) => s.heading || s.body.length);
  const outlookTitle = get(o?.title, lang);
  const outlook =
    o && (outlookTitle || sections.length || get(o.lede, lang))
      ? {
          bookmark: outlookTitle || sections[0]?.heading || get(o.lede, lang).slice(0, 40),
          title: outlookTitle,
          titleAlt: alt(o.title),
          byline: each(o.byline),
          lede: get(o.lede, lang),
          ledeAlt: alt(o.lede),
          sections,
        }
      : undefined;

  const placed = new Set((opts.photoFiles ?? []).map((p) => p.index));
  const photos = (opts.photoFiles ?? []).map((p) => ({
    file: p.file,
    field: `photos[${p.index}].image`,
    caption: get(src.photos?.[p.index]?.caption, lang),
    captionAlt: alt(src.photos?.[p.index]?.caption),
  }));
  // captions of photos without an image file: listed with the credits, in every language
  const loose = (src.photos ?? []).filter((p, i) => !placed.has(i) && p.caption);
  const captions = loose.length
    ? langs
        .map((l) => ({
          lang: l,
          text: `${say(l, 'report.photos')}${say(l, 'sep.colon')}${loose
            .map((p) => get(p.caption, l))
            .filter(Boolean)
            .join(' ')}`,
        }))
        .filter((p) => loose.some((x) => get(x.caption, p.lang)))
    : [];
  const credits = langs
    .map((l) => ({
      lang: l,
      text: (m.credits ?? [])
        .map((c) => {
          const names = c.names.map((n) => get(n, l)).filter(Boolean);
          const role = get(c.role, l);
          return names.length ? `${role ? role + say(l, 'sep.colon') : ''}${names.join(say(l, 'sep.names'))}` : '';
        })
        .filter(Boolean)
        .join(say(l, 'sep.credits')),
    }))
    .filter((p) => p.text);
  const photoCredit = each(src.photoCredit);
  // the source line with its address; the address alone under the built-in word when the data names no source
  const url = (m.sourceUrl ?? '').trim();
  const source = pieces(m.source, langs).length
    ? pieces(m.source, langs).map((p) => ({ lang: p.lang, text: url ? `${get(m.source, p.lang)} ${url}` : p.text }))
    : url
      ? langs.map((l) => ({ lang: l, text: `${say(l, 'report.source')}${say(l, 'sep.colon')}${url}` }))
      : [];
  // the publisher in each language (the masthead shows the first language's name)
  const publisher = pieces(m.publisher?.name, langs).map((p) => ({
    lang: p.lang,
    text: `${say(p.lang, 'report.publisher')}${say(p.lang, 'sep.colon')}${p.text}${m.publisher?.url ? ` ${m.publisher.url.trim()}` : ''}`,
  }));
  const tail = {
    credits,
    captions,
    photoCredit: photos.length ? [] : photoCredit,
    publisher,
    source,
  };
  const hasTail = credits.length + captions.length + tail.photoCredit.length + publisher.length + source.length > 0;

  return {
    lang,
    langs,
    words: {
      intro: say(lang, 'report.intro'),
      photos: words('report.photos'),
      credits: words('report.credits'),
    },
    kicker: each(m.kicker),
    logo: opts.logo ? m.publisher?.logo : undefined,
    title: get(m.title, lang),
    subtitles,
    tagline: (m.tagline ?? []).map((x) => ({ text: get(x, lang), alt: alt(x) })).filter((x) => x.text),
    dateline,
    intro: get(m.intro, lang),
    introAlt: alt(m.intro),
    itemsShown: each(m.items?.shown),
    highlights,
    targets,
    outlook,
    photos: photos.length ? { items: photos, credit: photoCredit } : undefined,
    tail: hasTail ? tail : undefined,
  };
}

// ---------- the XML-ish document ----------

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: (Element | string)[];
  /** line in the rendered template (for messages) */
  line: number;
}

/**
 * The rendered report layout read by a real XML parser (saxes): elements, attributes, text;
 * comments dropped. Errors name the line of the rendered template.
 */
export function parseMarkup(src: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [], line: 1 };
  const stack: Element[] = [root];
  const p = new SaxesParser({ xmlns: false, position: true });
  let error: Error | undefined;
  p.on('opentag', (tag: SaxesTagPlain) => {
    const el: Element = {
      tag: tag.name,
      attrs: { ...(tag.attributes as Record<string, string>) },
      children: [],
      line: p.line,
    };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  p.on('closetag', () => {
    stack.pop();
  });
  p.on('text', (t) => {
    if (stack.length > 1) stack[stack.length - 1]!.children.push(t);
  });
  p.on('error', (e) => {
    error ??= new Error(`report layout line ${p.line}: ${e.message.replace(/^\d+:\d+: /, '')}`);
  });
  p.write(src).close();
  if (error) throw error;
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
  /** the figure's year or period in words */
  when: string;
  compare: string;
  change: string;
  rank: string;
}

export interface PhotoItem {
  file: string;
  /** the data field, for messages: photos[2].image */
  field: string;
  caption: string;
  captionAlt: Piece[];
}

export type Block =
  | {
      type: 'masthead';
      lang: string;
      kicker: Piece[];
      /** the publisher's logo file */
      logo?: string;
      title: string;
      subtitles: Piece[];
      tagline: { text: string; alt: Piece[] }[];
      dateline: Piece[];
    }
  | { type: 'section'; lang: string; id: string; bookmark: string; kind: string; children: Block[] }
  | { type: 'heading'; lang: string; level: 1 | 2 | 3; text: string; number?: string; cls?: string }
  | { type: 'paragraph'; lang: string; cls: string; text: string }
  | { type: 'list'; lang: string; cls: string; items: string[] }
  | { type: 'keep'; lang: string; children: Block[] }
  | { type: 'row'; lang: string; children: Block[] }
  | { type: 'figures'; lang: string; items: FigureItem[] }
  | { type: 'chart'; lang: string; ref: string; title: string; titleAlt: Piece[]; alt: string }
  | { type: 'photos'; lang: string; items: PhotoItem[] };

export interface ReportDocument {
  lang: string;
  blocks: Block[];
}

/**
 * The text of an element. Whitespace that holds a line break comes from the layout file's
 * own line breaks, not from the data: it is dropped between two CJK characters and becomes
 * one space elsewhere. Spaces from the data are kept as written (本报记者 霍晓庆).
 */
function textOf(el: Element): string {
  const raw = el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
  return raw
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** `<alt lang="…">` children: the element's text in the other languages */
const altsOf = (el: Element, lang: string): Piece[] =>
  elements(el)
    .filter((c) => c.tag === 'alt')
    .map((c) => ({ lang: c.attrs.lang || lang, text: textOf(c) }))
    .filter((p) => p.text);

/** the element's own text, without its <alt> children */
const ownText = (el: Element): string =>
  textOf({ ...el, children: el.children.filter((c) => typeof c === 'string' || c.tag !== 'alt') });

const elements = (el: Element) => el.children.filter((c): c is Element => typeof c !== 'string');

function toBlock(el: Element, inherited: string): Block | undefined {
  const lang = el.attrs.lang || inherited;
  const kids = () =>
    elements(el)
      .map((c) => toBlock(c, lang))
      .filter((b): b is Block => !!b);
  switch (el.tag) {
    case 'masthead': {
      const all = (t: string) =>
        elements(el)
          .filter((c) => c.tag === t)
          .map((c) => ({ lang: c.attrs.lang || lang, text: textOf(c) }))
          .filter((p) => p.text);
      const title = elements(el).find((c) => c.tag === 'title');
      const tagline = elements(el).find((c) => c.tag === 'tagline');
      const logo = elements(el).find((c) => c.tag === 'logo')?.attrs.src;
      return {
        type: 'masthead',
        lang,
        kicker: all('kicker'),
        ...(logo ? { logo } : {}),
        title: title ? textOf(title) : '',
        subtitles: all('subtitle'),
        tagline: tagline
          ? elements(tagline)
              .map((i) => ({ text: ownText(i), alt: altsOf(i, lang) }))
              .filter((i) => i.text)
          : [],
        dateline: all('dateline'),
      };
    }
    case 'section':
      return {
        type: 'section',
        lang,
        id: el.attrs.id ?? '',
        bookmark: el.attrs.bookmark ?? '',
        kind: el.attrs.kind ?? el.attrs.id ?? '',
        children: kids(),
      };
    case 'keep':
      return { type: 'keep', lang, children: kids() };
    case 'row': {
      const children = kids();
      return children.length ? { type: 'row', lang, children } : undefined;
    }
    case 'h1':
    case 'h2':
    case 'h3': {
      const text = textOf(el);
      return text
        ? {
            type: 'heading',
            lang,
            level: Number(el.tag[1]) as 1 | 2 | 3,
            text,
            number: el.attrs.number,
            cls: el.attrs.class,
          }
        : undefined;
    }
    case 'p': {
      const text = textOf(el);
      return text ? { type: 'paragraph', lang, cls: el.attrs.class ?? 'body', text } : undefined;
    }
    case 'list':
      return {
        type: 'list',
        lang,
        cls: el.attrs.class ?? '',
        items: elements(el)
          .filter((c) => c.tag === 'li')
          .map((c) => textOf(c))
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
          when: f.attrs.when ?? '',
          compare: f.attrs.compare ?? '',
          change: f.attrs.change ?? '',
          rank: f.attrs.rank ?? '',
        })),
      };
    case 'chart':
      return {
        type: 'chart',
        lang,
        ref: el.attrs.ref ?? '',
        title: el.attrs.title ?? '',
        titleAlt: altsOf(el, lang),
        alt: el.attrs.alt ?? '',
      };
    case 'photos': {
      const items = elements(el)
        .filter((c) => c.tag === 'photo')
        .map((c) => ({
          file: c.attrs.src ?? '',
          field: c.attrs.field ?? 'photos',
          caption: c.attrs.caption ?? '',
          captionAlt: altsOf(c, lang),
        }))
        .filter((p) => p.file);
      return items.length ? { type: 'photos', lang, items } : undefined;
    }
    default:
      throw new Error(`report layout line ${el.line}: unknown element <${el.tag}>`);
  }
}

/** Render the layout for `langs` ([primary, …summary languages]) and parse it into blocks. */
export function buildStructure(
  template: string,
  model: Model,
  langs: string[],
  opts: ViewOptions = {},
): ReportDocument {
  const markup = renderTemplate(template, reportView(model, langs, opts));
  const doc = parseMarkup(markup);
  const lang = doc.attrs.lang || langs[0]!;
  return {
    lang,
    blocks: elements(doc)
      .map((e) => toBlock(e, lang))
      .filter((b): b is Block => !!b),
  };
}
