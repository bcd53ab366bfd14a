/** Social card presets (a registry; a config can add or override entries). */
import { aspectClass, type SafeZone } from '../raster/index.js';

export interface CardPreset {
  name: string;
  width: number;
  height: number;
  /** px kept free of text (besides the layout's own margins) */
  safe?: SafeZone;
  /** a small chart fits */
  chart: boolean;
  /** layout file under templates/cards/ (default: by aspect class) */
  layout?: string;
  note?: string;
}

export const CARD_PRESETS: Readonly<Record<string, CardPreset>> = {
  og: { name: 'og', width: 1200, height: 630, chart: true, note: 'link previews' },
  x: { name: 'x', width: 1600, height: 900, chart: true, note: 'X / Twitter' },
  square: { name: 'square', width: 1080, height: 1080, chart: true, note: 'Instagram, Weibo, WeChat Moments' },
  portrait: { name: 'portrait', width: 1080, height: 1350, chart: true, note: 'Instagram 4:5' },
  story: {
    name: 'story',
    width: 1080,
    height: 1920,
    chart: true,
    safe: { top: 250, right: 0, bottom: 340, left: 0 },
    note: 'stories: no text in the top 250 px or bottom 340 px',
  },
  'wechat-cover': { name: 'wechat-cover', width: 900, height: 383, chart: true, note: 'WeChat article cover, 2.35:1' },
  'wechat-square': {
    name: 'wechat-square',
    width: 500,
    height: 500,
    chart: false,
    layout: 'thumb',
    note: 'WeChat article thumbnail',
  },
};

export const DEFAULT_CARD_PRESETS = Object.keys(CARD_PRESETS);

/** Card layouts by aspect class: square and portrait share the vertical stack. */
const BY_CLASS: Record<string, string> = {
  cover: 'cover',
  landscape: 'landscape',
  square: 'stack',
  portrait: 'stack',
  tall: 'tall',
};

export function cardLayout(p: CardPreset): string {
  return p.layout ?? BY_CLASS[aspectClass(p.width, p.height)]!;
}
