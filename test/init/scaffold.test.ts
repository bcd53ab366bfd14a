import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { initDataset, scaffoldText } from '../../src/init/scaffold.js';
import { validateFiles } from '../../src/validate-command.js';
import type { DatasetInput } from '../../src/validate/schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'datapress-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('datapress init', () => {
  it('writes <dir>/my-article.yaml, valid as written', () => {
    const dir = join(tmp, 'new', 'data');
    const files = initDataset(dir);
    expect(files).toEqual([join(dir, 'my-article.yaml')]);
    expect(validateFiles(files)).toEqual([{ file: files[0], problems: [] }]);
  });

  it('sets the id given, and that file validates too', () => {
    const [file] = initDataset(tmp, { id: 'city-libraries-2024' });
    expect(file).toBe(join(tmp, 'city-libraries-2024.yaml'));
    expect(readFileSync(file, 'utf8')).toMatch(/^id: city-libraries-2024 /m);
    expect(validateFiles([file])[0].problems).toEqual([]);
  });

  it('refuses to overwrite without force, overwrites with it', () => {
    const [file] = initDataset(join(tmp, 'again'));
    writeFileSync(file, 'my edits\n');
    expect(() => initDataset(join(tmp, 'again'))).toThrow(/already exists; use --force/);
    expect(readFileSync(file, 'utf8')).toBe('my edits\n');
    initDataset(join(tmp, 'again'), { force: true });
    expect(validateFiles([file])[0].problems).toEqual([]);
  });

  it('refuses an id that is not a slug (it becomes a file name)', () => {
    for (const id of ['../evil', 'My Article', '-x', 'a/b', '']) expect(() => initDataset(tmp, { id })).toThrow(/slug/);
  });

  it('has a comment on every field, binds prose to figures, and covers the whole format', () => {
    const text = scaffoldText();
    const doc = parseDocument(text);
    const data = doc.toJS() as DatasetInput;
    expect(Object.keys(data)).toEqual([
      'format',
      'id',
      'langs',
      'theme',
      'meta',
      'indicators',
      'highlights',
      'outlook',
      'photos',
      'photoCredit',
    ]);
    expect(data.highlights.length).toBeGreaterThanOrEqual(1);
    expect(data.highlights.length).toBeLessThanOrEqual(2);
    expect(data.outlook?.targets?.metrics.length).toBeGreaterThan(0);
    expect(data.outlook?.sections?.length).toBeGreaterThan(0);
    expect(data.photos?.length).toBeGreaterThan(0);
    expect(text).toMatch(/\{\{v "[a-z.]+" \d{4}\}\}/);
    // every distinct field name carries a comment the first time it appears (same line or the line above)
    const lines = text.split('\n');
    const commented = new Set<string>();
    const names = new Set<string>();
    lines.forEach((line, i) => {
      const m = /^\s*(?:- )?([A-Za-z][\w]*):(?:\s|$)/.exec(line);
      if (!m || /^\s*#/.test(line) || /^(zh|en)$/.test(m[1])) return;
      names.add(m[1]);
      if (line.includes('#') || /^\s*#/.test(lines[i - 1] ?? '')) commented.add(m[1]);
    });
    // fields written inline ({metric: …, year: …}) are explained by the comment on their line
    for (const line of lines)
      if (line.includes('#')) for (const m of line.matchAll(/[{,]\s*([a-z]\w*):/g)) commented.add(m[1]);
    expect([...names].filter((n) => !commented.has(n))).toEqual([]);
  });
});
