/**
 * Pagination: flowables into frames (columns of pages), as a newspaper makes up a page:
 *  - keep-with-next: a heading stays with the start of what follows (at least the first two
 *    lines of a paragraph, the whole of a box), through chains of headings; when a chain would
 *    end a frame anyway, the chain is moved to the next frame (the flow restarts with a break
 *    before the chain's head),
 *  - widows and orphans: a paragraph of three lines or fewer is never split; a longer one
 *    leaves at least two lines on each side of the break, in every language,
 *  - section starts: a new section moves to the next frame (column or page) only when less
 *    than its `sectionStart` share of the frame (a third) is left,
 *  - floats: a box (chart, photo) that does not fit lets the text of its own section that
 *    follows it fill the frame first, instead of leaving a hole,
 *  - keep-together groups (never split, unless taller than a whole frame).
 * Space before an item is dropped at the top of a frame.
 */

export const ORPHANS = 2;
export const WIDOWS = 2;

interface FlowBase {
  id: string;
  before: number;
  after: number;
  keepWithNext?: boolean;
  /** starts a section: go to the next frame when less than this share of a frame is left */
  sectionStart?: number;
  /** the section the item belongs to (floats stay inside their section) */
  meta?: { sect: string };
  /**
   * The same content as smaller pieces (a key figure beside its chart: the figure, then the
   * chart as a float), used when the item would otherwise leave a large part of a frame empty.
   */
  alternative?: FlowItem[];
}

export interface LinesItem<L = unknown> extends FlowBase {
  kind: 'lines';
  lines: L[];
  lineHeight: number;
  /** set on the pieces of a split paragraph */
  part?: { first: number };
}

export interface BoxItem extends FlowBase {
  kind: 'box';
  height: number;
}

export interface GroupItem<L = unknown> extends FlowBase {
  kind: 'group';
  items: FlowItem<L>[];
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

export interface Pagination<L = unknown> {
  placed: Placed<L>[];
  pages: number;
  /** per page: the share of its frames' height that content fills (down to the last item's bottom) */
  fill: number[];
}

const EPS = 0.01;

export function fullHeight(it: FlowItem): number {
  if (it.kind === 'lines') return it.lines.length * it.lineHeight;
  if (it.kind === 'box') return it.height;
  return it.items.reduce((s, c, k) => s + (k ? c.before : 0) + fullHeight(c) + c.after, 0);
}

/** the least of an item that may stand at the foot of a frame */
function minHeight(it: FlowItem): number {
  if (it.kind === 'lines') {
    const n = it.lines.length;
    return (n <= ORPHANS + WIDOWS - 1 ? n : ORPHANS) * it.lineHeight;
  }
  return fullHeight(it);
}

type Outcome<L> = { ok: true; result: Pagination<L> } | { ok: false; breakBefore: string };

export interface PaginateOptions {
  /** item ids that must start a frame (besides those the rules find) */
  breakBefore?: Iterable<string>;
}

export function paginate<L>(items: FlowItem<L>[], frames: FrameSource, opts: PaginateOptions = {}): Pagination<L> {
  const breaks = new Set(opts.breakBefore ?? []);
  for (let attempt = 0; attempt <= items.length; attempt++) {
    const r = run(items, frames, breaks);
    if (r.ok) return r.result;
    breaks.add(r.breakBefore);
  }
  throw new Error('paginate: keep-with-next rules do not converge');
}

function run<L>(items: FlowItem<L>[], frames: FrameSource, breaks: Set<string>): Outcome<L> {
  const placed: Placed<L>[] = [];
  const queue = [...items];
  let page = 0;
  let fi = 0;
  let fr = frames(0);
  let frame = fr[0]!;
  let cursor = 0; // used height in the frame
  let bottom = 0; // bottom of the last content in the frame (without its space after)
  const used: number[][] = [[]];
  const heights: number[][] = [fr.map((f) => f.height)];
  /** what this frame holds so far: item ids, whether each keeps with the next, and whether it began the frame */
  let inFrame: { id: string; keep: boolean; first: boolean }[] = [];
  const atTop = () => cursor < EPS;
  const next = () => {
    used[page]![fi] = bottom;
    fi++;
    if (fi >= fr.length) {
      page++;
      fi = 0;
      fr = frames(page);
      used[page] = [];
      heights[page] = fr.map((f) => f.height);
    }
    frame = fr[fi]!;
    cursor = 0;
    bottom = 0;
    inFrame = [];
  };
  const room = () => frame.height - cursor;
  const place = (it: LinesItem<L> | BoxItem, from: number, to: number, h: number) => {
    placed.push({ item: it, x: frame.x, y: frame.y + cursor, width: frame.width, from, to, page, frame: fi });
    cursor += h;
    bottom = cursor;
  };
  const record = (it: FlowItem<L>, keep: boolean) => inFrame.push({ id: it.id, keep, first: inFrame.length === 0 });
  /**
   * `it` (a fresh item, not the rest of a split one) goes to the next frame: if what ends this
   * frame keeps with it, the chain has to move too. Returns the chain's head to break before,
   * unless the chain began the frame (then nothing can be done).
   */
  const orphanedChain = (): string | undefined => {
    let k = inFrame.length - 1;
    if (k < 0 || !inFrame[k]!.keep) return undefined;
    while (k > 0 && inFrame[k - 1]!.keep) k--;
    return inFrame[k]!.first ? undefined : inFrame[k]!.id;
  };
  const moveOn = (it: FlowItem<L>): string | undefined => {
    const fresh = it.kind !== 'lines' || !it.part;
    const head = fresh ? orphanedChain() : undefined;
    if (head) return head;
    next();
    return undefined;
  };

  let guard = 0;
  while (queue.length) {
    if (++guard > 200_000) throw new Error('paginate: no progress');
    const it = queue[0]!;
    const fresh = it.kind !== 'lines' || !it.part;
    if (fresh && !atTop() && breaks.has(it.id)) {
      next();
      continue;
    }
    if (fresh && !atTop() && it.sectionStart && room() < it.sectionStart * frame.height) {
      const head = moveOn(it);
      if (head) return { ok: false, breakBefore: head };
      continue;
    }
    const before = atTop() ? 0 : it.before;
    // the keep-with-next chain: this item and the minimum of each follower it is tied to
    let need = before + minHeight(it);
    for (let j = 0; queue[j]?.keepWithNext && queue[j + 1]; j++)
      need += queue[j + 1]!.before + minHeight(queue[j + 1]!);
    if (need > frame.height) need = before + Math.min(minHeight(it), frame.height);
    if (need > room() + EPS && !atTop()) {
      // rather than leave a third of the frame empty, break up an item of the chain that can be
      if (room() > frame.height / 3) {
        let j = 0;
        while (!queue[j]!.alternative && queue[j]!.keepWithNext && queue[j + 1]) j++;
        const alt = queue[j]!.alternative;
        if (alt) {
          queue.splice(j, 1, ...(alt as FlowItem<L>[]));
          continue;
        }
      }
      // a box that does not fit lets the following text of its section go first (when a tenth of the frame is left)
      if (it.kind === 'box' && !it.keepWithNext && room() > frame.height * 0.1) {
        const nx = queue[1];
        if (
          nx &&
          nx.kind === 'lines' &&
          !nx.keepWithNext &&
          !nx.sectionStart &&
          nx.meta?.sect === it.meta?.sect &&
          nx.before + minHeight(nx) <= room() + EPS
        ) {
          queue[0] = nx;
          queue[1] = it;
          continue;
        }
      }
      const head = moveOn(it);
      if (head) return { ok: false, breakBefore: head };
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
        const head = moveOn(it);
        if (head) return { ok: false, breakBefore: head };
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
      record(it, !!it.keepWithNext);
      continue;
    }
    if (it.kind === 'box') {
      if (before + it.height > room() + EPS && !atTop()) {
        const head = moveOn(it);
        if (head) return { ok: false, breakBefore: head };
        continue;
      }
      queue.shift();
      cursor += before;
      place(it, 0, 0, it.height);
      cursor += it.after;
      record(it, !!it.keepWithNext);
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
      record(it, !!it.keepWithNext);
      continue;
    }
    let k = n <= ORPHANS + WIDOWS - 1 ? 0 : Math.min(fit, n - WIDOWS);
    if (k < ORPHANS) {
      if (!atTop()) {
        const head = moveOn(it);
        if (head) return { ok: false, breakBefore: head };
        continue;
      }
      k = Math.max(1, fit); // a frame too short for the rules: place what fits
    }
    cursor += before;
    place(it, 0, k, k * it.lineHeight);
    record(it, false);
    const first = (it.part?.first ?? 0) + k;
    queue[0] = { ...it, lines: it.lines.slice(k), before: 0, part: { first } };
    next();
  }
  used[page]![fi] = bottom;
  const fill = used.map((u, p) => {
    const total = heights[p]!.reduce((s, h) => s + h, 0);
    return total ? u.reduce((s, h) => s + (h ?? 0), 0) / total : 0;
  });
  return { ok: true, result: { placed, pages: page + 1, fill } };
}
