/**
 * Offline Vega loader: every URL resolves to a file under `base`; nothing touches the
 * network. A few well-known CDN URLs map to files of local npm packages (small table).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MissingDataError, NetworkDataError } from './errors.js';

const require = createRequire(import.meta.url);

/** CDN URL (exact) → 'npm-package:file inside the package'. */
export const URL_MAP: Readonly<Record<string, string>> = {
  'https://cdn.jsdelivr.net/npm/vega-datasets@v1.29.0/data/cars.json': 'vega-datasets:data/cars.json',
  'https://cdn.jsdelivr.net/npm/vega-datasets@v1.29.0/data/stocks.csv': 'vega-datasets:data/stocks.csv',
};

const NETWORK = /^([a-z][a-z0-9+.-]*:)?\/\//i;

function mapped(url: string): string | undefined {
  const spec = URL_MAP[url.trim()];
  if (!spec) return undefined;
  const [pkg, file] = spec.split(':') as [string, string];
  try {
    // the package's "exports" hide its data files: walk up from its entry to its root
    let dir = path.dirname(require.resolve(pkg));
    while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return path.join(dir, file);
  } catch {
    return undefined;
  }
}

/** Absolute file for a data/image URL, or a typed error. */
export function resolveLocal(url: string, base: string): string {
  const local = mapped(url);
  if (local) return local;
  const u = url.trim();
  if (u.startsWith('file://')) return checkInside(u, decodeURIComponent(u.slice(7)), base);
  if (NETWORK.test(u) || /^(https?|ftp):/i.test(u)) throw new NetworkDataError(u);
  const file = path.resolve(base, decodeURIComponent(u.split(/[?#]/)[0]!));
  return checkInside(u, file, base);
}

function checkInside(url: string, file: string, base: string): string {
  const rel = path.relative(path.resolve(base), file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new MissingDataError(url, file, 'outside --base');
  return file;
}

export interface OfflineLoader {
  options: Record<string, unknown>;
  fileAccess: boolean;
  sanitize(uri: string, options?: unknown): Promise<{ href: string; localFile: boolean }>;
  load(uri: string, options?: unknown): Promise<string>;
  file(filename: string): Promise<string>;
  http(url: string): Promise<string>;
  /** first loading error (Vega only logs a warning when loading fails) */
  errors: Error[];
}

export function offlineLoader(base: string): OfflineLoader {
  const errors: Error[] = [];
  const fail = (e: Error): never => {
    errors.push(e);
    throw e;
  };
  return {
    options: {},
    fileAccess: true,
    errors,
    async sanitize(uri: string, options?: unknown) {
      // hyperlinks are never fetched; images are inlined (and checked) after rendering
      const context = (options as { context?: string } | undefined)?.context;
      if (context === 'href' || context === 'image') return { href: String(uri ?? ''), localFile: false };
      if (typeof uri !== 'string') fail(new MissingDataError(String(uri), String(uri), 'not a URL'));
      if (uri.startsWith('data:')) return { href: uri, localFile: false };
      try {
        return { href: resolveLocal(uri, base), localFile: true };
      } catch (e) {
        return fail(e as Error);
      }
    },
    async load(uri: string) {
      const s = await this.sanitize(uri);
      if (s.href.startsWith('data:')) return decodeDataUri(s.href);
      return this.file(s.href);
    },
    async file(filename: string) {
      try {
        return await readFile(filename, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return fail(
          new MissingDataError(
            path.relative(base, filename) || filename,
            filename,
            code === 'ENOENT' ? 'not found' : `unreadable (${code})`,
          ),
        );
      }
    },
    async http(url: string) {
      return fail(new NetworkDataError(url));
    },
  };
}

function decodeDataUri(uri: string): string {
  const comma = uri.indexOf(',');
  const meta = uri.slice(5, comma);
  const body = uri.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}
