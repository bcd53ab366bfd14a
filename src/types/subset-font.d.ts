/** subset-font 2.x (harfbuzz's hb-subset in WebAssembly) ships no types: the part the gallery uses. */
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2'; noHinting?: boolean },
  ): Promise<Buffer>;
}
