import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/index.js';

const read = (yaml: string) => (parseSource(yaml, 'x.yaml').data as { t: unknown }).t;

describe('line breaks folded between Chinese characters', () => {
  it('a folded block joins Chinese lines without a space', () => {
    expect(read('t: >-\n  全年城镇新增\n  就业28.6万人，\n  完成目标。\n')).toBe(
      '全年城镇新增就业28.6万人，完成目标。',
    );
  });
  it('a plain scalar over several lines joins them too', () => {
    expect(read('t: 全年城镇新增\n  就业28.6万人\n')).toBe('全年城镇新增就业28.6万人');
  });
  it('a double-quoted scalar over several lines joins them too', () => {
    expect(read('t: "全年城镇新增\n  就业"\n')).toBe('全年城镇新增就业');
  });
  it('keeps the space between a Chinese and a Latin character, and between Latin words', () => {
    expect(read('t: >-\n  增长\n  GDP grew\n  by 5%\n')).toBe('增长 GDP grew by 5%');
  });
  it('keeps a space the author typed between Chinese characters', () => {
    expect(read('t: >-\n  记者 王明\n  报道\n')).toBe('记者 王明报道');
    expect(read('t: 记者 王明\n')).toBe('记者 王明');
  });
  it('keeps a literal block as written', () => {
    expect(read('t: |-\n  第一行\n  第二行\n')).toBe('第一行\n第二行');
  });
  it('joins after CJK punctuation and before a character outside the BMP', () => {
    expect(read('t: >-\n  一、\n  𠀋字\n')).toBe('一、𠀋字');
  });
  it('a blank line in a folded block stays a line break', () => {
    expect(read('t: >-\n  第一段\n\n  第二段\n')).toBe('第一段\n第二段');
  });
});
