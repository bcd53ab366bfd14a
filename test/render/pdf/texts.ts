import type { Model } from '../../../src/model/types.js';
import { reportSource } from '../../../src/render/pdf/structure.js';
import { typographic } from '../../../src/text/quotes.js';

/**
 * Every text the report shows, per field, read from the model (not from the report's own view),
 * as it is set: with typographic quotes and apostrophes.
 */
export function reportTexts(model: Model, lang: string): { field: string; text: string }[] {
  const m = reportSource(model);
  const out: { field: string; text: string }[] = [];
  const add = (field: string, t: Record<string, string> | undefined) => {
    const text = typographic(t?.[lang]?.trim() ?? '', lang);
    if (text) out.push({ field, text });
  };
  add('meta.title', m.meta.title);
  add('meta.kicker', m.meta.kicker);
  add('meta.subtitle', m.meta.subtitle);
  add('meta.intro', m.meta.intro);
  add('meta.region', m.meta.region);
  add('meta.source', m.meta.source);
  add('meta.dateText', m.meta.dateText);
  add('meta.publisher.name', m.meta.publisher?.name);
  add('meta.items.shown', m.meta.items?.shown);
  // the source's address, with the source line in each language
  if (m.meta.sourceUrl?.trim()) out.push({ field: 'meta.sourceUrl', text: m.meta.sourceUrl.trim() });
  for (const [i, t] of (m.meta.tagline ?? []).entries()) add(`meta.tagline[${i}]`, t);
  for (const [i, c] of (m.meta.credits ?? []).entries()) {
    add(`meta.credits[${i}].role`, c.role);
    for (const [j, n] of c.names.entries()) add(`meta.credits[${i}].names[${j}]`, n);
  }
  for (const [i, h] of m.highlights.entries()) {
    add(`highlights[${i}].title`, h.title);
    add(`highlights[${i}].group`, h.group);
    add(`highlights[${i}].chart.title`, h.chart?.title);
    for (const [j, f] of (h.facts ?? []).entries()) add(`highlights[${i}].facts[${j}].text`, f.text);
    add(`highlights[${i}].quote.text`, h.quote?.text);
    add(`highlights[${i}].quote.speaker`, h.quote?.speaker);
    add(`highlights[${i}].quote.role`, h.quote?.role);
  }
  const o = m.outlook;
  add('outlook.title', o?.title);
  add('outlook.byline', o?.byline);
  add('outlook.lede', o?.lede);
  add('outlook.targets.title', o?.targets?.title);
  for (const [i, s] of (o?.sections ?? []).entries()) {
    add(`outlook.sections[${i}].heading`, s.heading);
    for (const [j, b] of (s.body ?? []).entries()) add(`outlook.sections[${i}].body[${j}]`, b);
  }
  for (const [i, p] of (m.photos ?? []).entries()) add(`photos[${i}].caption`, p.caption);
  add('photoCredit', m.photoCredit);
  return out;
}
