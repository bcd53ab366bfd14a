/**
 * `datapress preview`: output/index.html, a static gallery of every output of every dataset
 * under an output folder. It opens from disk (file://): relative links only, CSS and the
 * filter script inline, no network, no external assets (a Content-Security-Policy with the
 * hashes of the inline style and script says so to the browser too).
 *
 * PDF pages are shown as PNG thumbnails drawn by pdf.js on a Skia canvas (npm packages, no
 * system tool: preview/pdfpages.ts) into the hidden folder <out>/<id>/.preview/ (not in the
 * manifest; reused while the PDF's bytes are unchanged). The page carries its fonts: WOFF2
 * subsets of the npm Noto fonts for exactly the characters it shows, in <out>/.gallery/fonts/
 * (preview/fonts.ts), so Chinese alt text never falls back to a system font that may not exist.
 *
 * The page is deterministic: no timestamps, datasets and files in sorted order.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { renderTemplate } from '../layout/handlebars.js';
import { packageRoot } from '../version.js';
import { readManifest, type Manifest, type ManifestEntry } from '../write/manifest.js';
import { writeAtomic } from '../write/atomic.js';
import { pngSize } from '../write/imagesize.js';
import { GALLERY_FAMILY, writeGalleryFonts } from './fonts.js';

export interface GalleryOptions {
  /** false: no PDF page thumbnails, a PDF is a link card (default true) */
  pdfPages?: boolean;
  /** PDF pages rendered as thumbnails, per PDF (default 48) */
  maxPages?: number;
  /** thumbnail size: longest side in pixels (default 360) */
  thumbSize?: number;
  /** where templates/preview lives (default: the package) */
  root?: string;
}

export const PREVIEW_DIR = '.preview';

const KIND_ORDER = ['pdf', 'poster', 'card', 'chart'] as const;
const KIND_LABEL: Record<string, string> = { pdf: 'Reports (PDF)', poster: 'Posters', card: 'Cards', chart: 'Charts' };
const KIND_SHORT: Record<string, string> = { pdf: 'PDF', poster: 'poster', card: 'card', chart: 'chart' };
const LANG_LABEL: Record<string, string> = { zh: '中文', en: 'English' };
const IMAGE_EXT = ['png', 'svg', 'jpeg', 'jpg', 'webp', 'avif'];

interface Img {
  src: string;
  width?: number;
  height?: number;
  alt: string;
}
interface FileLink {
  href: string;
  ext: string;
  size: string;
  bytes: number;
  missing: boolean;
}
interface Item {
  kind: string;
  kindLabel: string;
  dataset: string;
  name: string;
  langs: string[];
  langsAttr: string;
  langSet: string;
  langLabel: string;
  preset: string;
  layout?: string;
  highlight?: string;
  dims: string;
  files: FileLink[];
  sidecar?: string;
  alt: { lang: string; text: string }[];
  image?: Img;
  pages: (Img & { n: number })[];
  morePages: boolean;
  missing: boolean;
}
interface Group {
  kind: string;
  title: string;
  sections: { heading?: string; items: Item[] }[];
}

/** Render <outDir>/index.html from every <outDir>/<id>/manifest.json; returns the file written. */
export async function writeGallery(outDir: string, opts: GalleryOptions = {}): Promise<string> {
  const root = opts.root ?? packageRoot();
  const pdfPages = opts.pdfPages ?? true;
  const manifests = readManifests(outDir);

  const datasets: { id: string; version: string; dataHash: string; count: number; size: string; groups: Group[] }[] =
    [];
  const all: Item[] = [];
  for (const { id, manifest } of manifests) {
    const dir = join(outDir, id);
    const items = items_(id, dir, manifest.files);
    if (pdfPages) await thumbnails(dir, id, items, manifest.files, opts);
    all.push(...items);
    const groups: Group[] = [];
    for (const kind of KIND_ORDER) {
      const of = items.filter((i) => i.kind === kind);
      if (!of.length) continue;
      const by = kind === 'card' || kind === 'chart' ? 'highlight' : kind === 'poster' ? 'preset' : undefined;
      groups.push({ kind, title: KIND_LABEL[kind], sections: by ? sections(of, by) : [{ items: of }] });
    }
    datasets.push({
      id,
      version: manifest.datapress,
      dataHash: String(manifest.dataHash ?? '').slice(0, 12),
      count: manifest.files.length,
      size: humanSize(manifest.files.reduce((n, f) => n + (f.bytes || 0), 0)),
      groups,
    });
  }

  const baseCss = readFileSync(join(root, 'templates', 'preview', 'gallery.css'), 'utf8');
  const js = readFileSync(join(root, 'templates', 'preview', 'gallery.js'), 'utf8');
  const source = readFileSync(join(root, 'templates', 'preview', 'gallery.hbs'), 'utf8');
  const count = (pred: (i: Item) => boolean) => all.filter(pred).length;
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  const page = (css: string) =>
    renderTemplate(source, {
      csp: `default-src 'none'; img-src 'self' file:; font-src 'self' file:; style-src '${cspHash(css)}'; script-src '${cspHash(js)}'; base-uri 'none'; form-action 'none'`,
      css,
      js,
      total: all.length,
      thumbnails: pdfPages,
      filters: {
        kinds: KIND_ORDER.filter((k) => count((i) => i.kind === k)).map((k) => ({
          value: k,
          label: KIND_LABEL[k],
          count: count((i) => i.kind === k),
        })),
        langs: uniq(all.flatMap((i) => i.langs)).map((l) => ({
          value: `has:${l}`,
          label: `${LANG_LABEL[l] ?? l} (${l})`,
        })),
        langSets: uniq(all.map((i) => i.langSet)).map((s) => ({ value: `is:${s}`, label: s.split('-').join(' + ') })),
        presets: uniq(all.map((i) => i.preset)).filter(Boolean),
        hasUnpreset: all.some((i) => !i.preset),
        datasets: datasets.length > 1 ? datasets.map((d) => d.id) : [],
      },
      datasets,
    });
  // the page's own fonts, for every character it shows (markup is ASCII, which they cover too)
  const fonts = await writeGalleryFonts(outDir, decodeEntities(page(baseCss)));
  const html = page(`${fonts.css}:root {\n  --font: "${GALLERY_FAMILY}", sans-serif;\n}\n${baseCss}`);
  const file = join(outDir, 'index.html');
  writeAtomic(file, html);
  return file;
}

/** Datasets: folders of outDir holding a readable manifest.json, sorted by folder name. */
function readManifests(outDir: string): { id: string; manifest: Manifest }[] {
  let names: string[];
  try {
    names = readdirSync(outDir).sort();
  } catch {
    names = [];
  }
  const out = [];
  for (const id of names) {
    if (id.startsWith('.')) continue;
    const manifest = readManifest(join(outDir, id, 'manifest.json'));
    if (manifest) out.push({ id, manifest });
  }
  return out;
}

/** One item per file stem: a chart's svg, png and pdf are one item with three links. */
function items_(id: string, dir: string, files: ManifestEntry[]): Item[] {
  const stems = new Map<string, ManifestEntry[]>();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (!isSafeRel(f.path)) continue;
    const stem = f.path.replace(/\.[^./]+$/, '');
    stems.set(stem, [...(stems.get(stem) ?? []), f]);
  }
  const items: Item[] = [];
  for (const [stem, group] of stems) {
    const first = group[0];
    const langs = Array.isArray(first.langs) ? first.langs.map(String) : [];
    const files_ = group.map((f) => {
      const abs = join(dir, f.path);
      return {
        href: href(id, f.path),
        ext: ext(f.path),
        size: humanSize(f.bytes),
        bytes: f.bytes,
        missing: !existsSync(abs),
        abs,
      };
    });
    const alt = orderedAlt(first.alt ?? {}, langs);
    const preview = IMAGE_EXT.map((e) => files_.find((f) => f.ext === e && !f.missing)).find(Boolean);
    const txt = `${stem}.txt`;
    items.push({
      kind: first.kind,
      kindLabel: KIND_SHORT[first.kind] ?? first.kind,
      dataset: id,
      name: posix.basename(stem),
      langs,
      langsAttr: langs.join(' '),
      langSet: langs.join('-'),
      langLabel: langs.join(' + '),
      preset: first.preset ?? '',
      layout: first.layout,
      highlight: first.highlight,
      dims: `${first.width} × ${first.height}${first.kind === 'pdf' ? ' pt' : ' px'}`,
      files: files_.map(({ abs: _a, ...f }) => f),
      sidecar: first.kind === 'card' && existsSync(join(dir, txt)) ? href(id, txt) : undefined,
      alt,
      image: preview
        ? { src: preview.href, width: first.width, height: first.height, alt: alt[0]?.text ?? '' }
        : undefined,
      pages: [],
      morePages: false,
      missing: files_.every((f) => f.missing),
    });
  }
  return items;
}

function sections(items: Item[], by: 'highlight' | 'preset'): { heading?: string; items: Item[] }[] {
  const map = new Map<string, Item[]>();
  for (const i of items) {
    const k = (by === 'highlight' ? i.highlight : i.preset) ?? '';
    map.set(k, [...(map.get(k) ?? []), i]);
  }
  return [...map.keys()].sort().map((k) => ({ heading: k ? `${by} ${k}` : `no ${by}`, items: map.get(k)! }));
}

/** Page thumbnails for every PDF item without an image preview (reports; a chart with only a PDF). */
async function thumbnails(dir: string, id: string, items: Item[], files: ManifestEntry[], opts: GalleryOptions) {
  const previewRoot = join(dir, PREVIEW_DIR);
  const used = new Set<string>();
  const tasks: (() => Promise<void>)[] = [];
  for (const item of items) {
    if (item.image) continue;
    const pdf = files.find(
      (f) =>
        f.kind === item.kind &&
        posix.basename(f.path.replace(/\.[^./]+$/, '')) === item.name &&
        ext(f.path) === 'pdf' &&
        existsSync(join(dir, f.path)),
    );
    if (!pdf) continue;
    const stem = pdf.path.replace(/\.pdf$/i, '');
    used.add(stem);
    const pagesDir = join(previewRoot, stem);
    tasks.push(async () => {
      try {
        const pages = await renderPages(
          join(dir, pdf.path),
          pagesDir,
          previewRoot,
          opts.maxPages ?? 48,
          opts.thumbSize ?? 360,
        );
        item.pages = pages.files.map((name, n) => {
          const size = pngFileSize(join(pagesDir, name));
          return {
            n: n + 1,
            src: href(id, `${PREVIEW_DIR}/${stem}/${name}`),
            width: size?.width,
            height: size?.height,
            alt: `page ${n + 1}`,
          };
        });
        item.morePages = pages.truncated;
      } catch {
        item.pages = []; // a PDF pdf.js cannot read stays a link card
      }
    });
  }
  // one PDF after another: pdf.js draws on this thread
  for (const task of tasks) await task();
  pruneStale(previewRoot, used);
}

/** Pages drawn into a fresh folder, swapped in; skipped while source.sha256 matches the PDF. */
async function renderPages(pdf: string, pagesDir: string, previewRoot: string, maxPages: number, size: number) {
  const bytes = readFileSync(pdf);
  const hash = createHash('sha256').update(bytes).update(`\0${maxPages}\0${size}\0pdf.js`).digest('hex');
  const stamp = join(pagesDir, 'source.sha256');
  const list = () =>
    readdirSync(pagesDir)
      .filter((f) => /^page-\d+\.png$/.test(f))
      .sort();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
    const files = list();
    return { files, truncated: files.length >= maxPages };
  }
  const { renderPdfPages } = await import('./pdfpages.js');
  const drawn = await renderPdfPages(bytes, maxPages, size);
  if (!drawn.pages.length) throw new Error(`no pages drawn for ${pdf}`);
  mkdirSync(previewRoot, { recursive: true });
  const tmp = join(previewRoot, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp);
  try {
    for (const [i, png] of drawn.pages.entries())
      writeFileSync(join(tmp, `page-${String(i + 1).padStart(3, '0')}.png`), png);
    writeFileSync(join(tmp, 'source.sha256'), `${hash}\n`);
    rmSync(pagesDir, { recursive: true, force: true });
    mkdirSync(dirname(pagesDir), { recursive: true });
    renameSync(tmp, pagesDir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { files: list(), truncated: drawn.truncated };
}

/** Remove thumbnail folders of PDFs no longer listed, and temp folders a killed run left. */
function pruneStale(previewRoot: string, used: Set<string>) {
  if (!existsSync(previewRoot)) return;
  const walk = (rel: string) => {
    const abs = join(previewRoot, rel);
    for (const e of readdirSync(abs)) {
      const r = rel ? `${rel}/${e}` : e;
      const p = join(abs, e);
      if (!statSync(p).isDirectory()) continue;
      if (!rel && /^tmp-\d+-[0-9a-f]+$/.test(e)) rmSync(p, { recursive: true, force: true });
      else if (existsSync(join(p, 'source.sha256'))) {
        if (!used.has(r)) rmSync(p, { recursive: true, force: true });
      } else {
        walk(r);
        if (!readdirSync(p).length) rmSync(p, { recursive: true, force: true });
      }
    }
  };
  walk('');
}

/** Width and height of a PNG file (from its IHDR chunk, no decoder needed). */
function pngFileSize(file: string): { width: number; height: number } | undefined {
  try {
    return pngSize(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** A manifest path is relative, forward-slashed and stays inside the dataset folder. */
function isSafeRel(p: unknown): p is string {
  return (
    typeof p === 'string' &&
    p.length > 0 &&
    !p.includes('\0') &&
    !p.includes('\\') &&
    !p.startsWith('/') &&
    !p.split('/').some((s) => s === '..' || s === '' || s === '.')
  );
}

/** Relative URL from output/index.html: every segment percent-encoded. */
function href(id: string, rel: string): string {
  return [id, ...rel.split('/')].map(encodeURIComponent).join('/');
}

function ext(p: string): string {
  return (/\.([^./]+)$/.exec(p)?.[1] ?? '').toLowerCase();
}

function orderedAlt(alt: Record<string, string>, langs: string[]): { lang: string; text: string }[] {
  const keys = [
    ...langs.filter((l) => l in alt),
    ...Object.keys(alt)
      .filter((l) => !langs.includes(l))
      .sort(),
  ];
  return keys.filter((l) => typeof alt[l] === 'string').map((lang) => ({ lang, text: alt[lang] }));
}

/** 1234567 → "1.2 MB" (decimal units, deterministic). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = bytes / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** The text of rendered HTML as a reader sees it (the entities Handlebars writes, decoded). */
function decodeEntities(html: string): string {
  return html.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? m;
    const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return Number.isFinite(n) ? String.fromCodePoint(n) : m;
  });
}

function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
