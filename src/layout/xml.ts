/** XML text helpers shared by the layouts, the SVG readers and the report structure (no Handlebars import). */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Reverse XML/HTML escaping (named and numeric entities), for text read back out of a rendered layout or SVG. */
export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e.toLowerCase()] ?? m),
  );
}

const ATTR = /([A-Za-z_][\w:-]*)(?:\s*=\s*"([^"]*)")?/g;

/** The attributes of a tag's source (`a="1" b`), values unescaped; a bare name reads as "true". */
export function readAttrs(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of src.matchAll(ATTR)) out[m[1]!] = m[2] === undefined ? 'true' : unescapeXml(m[2]);
  return out;
}
