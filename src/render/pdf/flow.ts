/**
 * Pagination: flowables into frames (columns of pages), with
 *  - keep-with-next (a heading stays with the start of what follows),
 *  - widows and orphans (a paragraph split across frames leaves at least 2 lines each side),
 *  - keep-together (charts, a highlight's figures-and-facts group are never split —
 *    unless a group is taller than a whole frame, when it flows like ordinary content).
 * Space before an item is dropped at the top of a frame.
 */

export const ORPHANS = 2;
export const WIDOWS = 2;

export interface LinesItem<L = unknown> {
  kind: 'lines';
  id: string;
  lines: L[];
  lineHeight: number;
  before: number;
  after: number;
  keepWithNext?: boolean;
  /** set on the pieces of a split paragraph */
  part?: { first: number };
}

export interface BoxItem {
  kind: 'box';
  id: string;
  height: number;
  before: number;
  after: number;
  keepWithNext?: boolean;
}

export interface GroupItem<L = unknown> {
  kind: 'group';
  id: string;
  items: FlowItem<L>[];
  before: number;
  after: number;
  keepWithNext?: boolean;
}

export type FlowItem<L = unknown> = LinesItem<L> | BoxItem | GroupItem<L>;

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placed<L = unknown> {
  item: LinesItem<L> | BoxItem;
  x: number;
  y: number;
  width: number;
  /** for lines: the slice [from, to) placed here */
  from: number;
  to: number;
  page: number;
  frame: number;
}

/** frames of page `page` (0-based); called as pages are opened */
export type FrameSource = (page: number) => Frame[];

const EPS = 0.01;

function fullHeight(it: FlowItem): number {
  if (it.kind === 'lines') return it.lines.length * it.lineHeight;
  if (it.kind === 'box') return it.height;
  return it.items.reduce((s, c, k) => s + (k ? c.before : 0) + fullHeight(c) + c.after, 0);
}

function minHeight(it: FlowItem): number {
  if (it.kind === 'lines') {
    const n = it.lines.length;
    return (n <= ORPHANS + WIDOWS - 1 ? n : ORPHANS) * it.lineHeight;
  }
  return fullHeight(it);
}

export function paginate<L>(items: FlowItem<L>[], frames: FrameSource): { placed: Placed<L>[]; pages: number } {
  const placed: Placed<L>[] = [];
  const queue = [...items];
  let page = 0,
    fi = 0;
  let fr = frames(0);
  let frame = fr[0]!;
  let cursor = 0; // used height in the frame
  const atTop = () => cursor < EPS;
  const next = () => {
    fi++;
    if (fi >= fr.length) {
      page++;
      fi = 0;
      fr = frames(page);
    }
    frame = fr[fi]!;
    cursor = 0;
  };
  const room = () => frame.height - cursor;

  const place = (it: LinesItem<L> | BoxItem, from: number, to: number, h: number) => {
    placed.push({ item: it, x: frame.x, y: frame.y + cursor, width: frame.width, from, to, page, frame: fi });
    cursor += h;
  };

  let guard = 0;
  while (queue.length) {
    if (++guard > 100_000) throw new Error('paginate: no progress');
    const it = queue[0]!;
    const before = atTop() ? 0 : it.before;
    // the keep-with-next chain: this item and the minimum of each follower it is tied to
    let need = before + minHeight(it);
    for (let j = 0; queue[j]?.keepWithNext && queue[j + 1]; j++)
      need += queue[j + 1]!.before + minHeight(queue[j + 1]!);
    if (need > frame.height) need = before + Math.min(minHeight(it), frame.height);
    if (need > room() + EPS && !atTop()) {
      next();
      continue;
    }
    if (it.kind === 'group') {
      const h = fullHeight(it);
      if (h > frame.height + EPS) {
        // taller than a frame: flow its parts (first keeps the group's spacing)
        queue.splice(0, 1, ...it.items.map((c, k) => (k === 0 ? { ...c, before: it.before } : c)));
        const last = queue[it.items.length - 1]!;
        queue[it.items.length - 1] = { ...last, after: Math.max(last.after, it.after), keepWithNext: it.keepWithNext };
        continue;
      }
      if (before + h > room() + EPS && !atTop()) {
        next();
        continue;
      }
      queue.shift();
      cursor += before;
      it.items.forEach((c, k) => {
        if (k) cursor += c.before;
        if (c.kind === 'group') throw new Error('paginate: nested keep groups are not supported');
        if (c.kind === 'lines') place(c, 0, c.lines.length, c.lines.length * c.lineHeight);
        else place(c, 0, 0, c.height);
        cursor += c.after;
      });
      cursor += it.after;
      continue;
    }
    if (it.kind === 'box') {
      if (before + it.height > room() + EPS && !atTop()) {
        next();
        continue;
      }
      queue.shift();
      cursor += before;
      place(it, 0, 0, it.height);
      cursor += it.after;
      continue;
    }
    // lines
    const n = it.lines.length;
    const fit = Math.floor((room() - before + EPS) / it.lineHeight);
    if (fit >= n) {
      queue.shift();
      cursor += before;
      place(it, 0, n, n * it.lineHeight);
      cursor += it.after;
      continue;
    }
    let k = Math.min(fit, n - WIDOWS);
    if (k < ORPHANS) {
      if (!atTop()) {
        next();
        continue;
      }
      k = Math.max(1, fit); // a frame too short for the rules: place what fits
    }
    cursor += before;
    place(it, 0, k, k * it.lineHeight);
    const first = (it.part?.first ?? 0) + k;
    queue[0] = { ...it, lines: it.lines.slice(k), before: 0, part: { first } };
    next();
  }
  return { placed, pages: page + 1 };
}
