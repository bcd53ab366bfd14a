/** XML text helpers shared by the layouts, the SVG readers and the report structure (no Handlebars import). */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Reverse XML/HTML escaping (named and numeric entities), for text read back out of a rendered layout or SVG. */
export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let at = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', at)) {
    const semi = s.indexOf(';', amp);
    out += s.slice(at, amp);
    const e = semi > amp ? s.slice(amp + 1, semi) : '';
    let ch: string | undefined;
    if (e[0] === '#') {
      const hex = e[1] === 'x' || e[1] === 'X';
      const digits = hex ? e.slice(2) : e.slice(1);
      const cp =
        digits && [...digits].every((d) => (hex ? '0123456789abcdefABCDEF' : '0123456789').includes(d))
          ? Number.parseInt(digits, hex ? 16 : 10)
          : Number.NaN;
      if (cp >= 0 && cp <= 0x10ffff) ch = String.fromCodePoint(cp);
    } else if (e) ch = ENTITIES[e.toLowerCase()];
    if (ch === undefined) {
      out += '&';
      at = amp + 1;
    } else {
      out += ch;
      at = semi + 1;
    }
  }
  return out + s.slice(at);
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/**
 * The attributes of a tag's source (`a="1" b='2'`), values unescaped: a small scanner of the XML
 * attribute grammar (names, `=`, single- or double-quoted values). A bare name (`b`, not XML)
 * reads as "true"; an unquoted value runs to the next space.
 */
export function readAttrs(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = src.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    if (i >= n) break;
    if (src[i] === '/') {
      i++;
      continue;
    }
    const start = i;
    while (i < n && !isSpace(src.charCodeAt(i)) && src[i] !== '=' && src[i] !== '/') i++;
    const name = src.slice(start, i);
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    if (src[i] !== '=') {
      if (name) out[name] = 'true';
      continue;
    }
    i++;
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    const q = src[i];
    let value: string;
    if (q === '"' || q === "'") {
      const end = src.indexOf(q, i + 1);
      value = src.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
    } else {
      const from = i;
      while (i < n && !isSpace(src.charCodeAt(i))) i++;
      value = src.slice(from, i);
    }
    if (name) out[name] = unescapeXml(value);
  }
  return out;
}
