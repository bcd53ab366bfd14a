import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { msg } from '../messages.js';
import type { Theme } from './types.js';

export type { Theme } from './types.js';

const cache = new Map<string, Theme>();

export function themeDir(root: string): string {
  return join(root, 'templates', 'themes');
}

export function listThemes(root: string): string[] {
  const dir = themeDir(root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function themeFile(root: string, name: string): string {
  return join(themeDir(root), `${name}.yaml`);
}

/** Load templates/themes/<name>.yaml (cached). */
export function loadTheme(root: string, name: string): Theme {
  const file = themeFile(root, name);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(file)) {
    throw new UsageError(msg.unknownTheme(name, listThemes(root)));
  }
  const theme = parse(readFileSync(file, 'utf8')) as Theme;
  theme.name = name;
  cache.set(file, theme);
  return theme;
}
