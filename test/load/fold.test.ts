import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/index.js';

const read = (yaml: string) => (parseSource(yaml, 'x.yaml').data as { t: unknown }).t;

describe('line breaks folded between Chinese characters', () => {
  it.each([
    [
      'a folded block joins Chinese lines without a space',
      't: >-\n  全年城镇新增\n  就业28.6万人，\n  完成目标。\n',
      '全年城镇新增就业28.6万人，完成目标。',
    ],
    [
      'a plain scalar over several lines joins them too',
      't: 全年城镇新增\n  就业28.6万人\n',
      '全年城镇新增就业28.6万人',
    ],
    ['a double-quoted scalar over several lines joins them too', 't: "全年城镇新增\n  就业"\n', '全年城镇新增就业'],
    [
      'keeps the space between a Chinese and a Latin character, and between Latin words',
      't: >-\n  增长\n  GDP grew\n  by 5%\n',
      '增长 GDP grew by 5%',
    ],
    [
      'keeps a space the author typed between Chinese characters (folded)',
      't: >-\n  记者 王明\n  报道\n',
      '记者 王明报道',
    ],
    ['keeps a space the author typed between Chinese characters (plain)', 't: 记者 王明\n', '记者 王明'],
    ['keeps a literal block as written', 't: |-\n  第一行\n  第二行\n', '第一行\n第二行'],
    ['joins after CJK punctuation and before a character outside the BMP', 't: >-\n  一、\n  𠀋字\n', '一、𠀋字'],
    ['a blank line in a folded block stays a line break', 't: >-\n  第一段\n\n  第二段\n', '第一段\n第二段'],
  ])('%s', (_name, yaml, text) => {
    expect(read(yaml)).toBe(text);
  });
});
