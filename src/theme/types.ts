/** A theme restyles the PDF, posters, cards and charts alike (templates/themes/<name>.yaml). */
export interface Theme {
  name: string;
  label: string;
  fonts: {
    /** body and figures */
    sans: { family: string; regular: number; bold: number; black: number };
    /** headlines */
    serif: { family: string; regular: number; bold: number };
    /** per-language families (default: the same design in the language's glyph standard, SC/TC/HK) */
    langs?: Record<string, Partial<{ sans: string; serif: string }>>;
  };
  colors: {
    /** page/card background */
    paper: string;
    /** body text */
    ink: string;
    /** secondary text (must still pass 4.5:1 on paper) */
    muted: string;
    /** brand colour for bands, numbers */
    primary: string;
    /** text on primary */
    onPrimary: string;
    /** second brand colour */
    accent: string;
    /** text on accent */
    onAccent: string;
    /** hairlines, grid */
    rule: string;
  };
  /** categorical palette for charts */
  palette: string[];
  logo: { text: Record<string, string>; image?: string };
  chart: { fontSize: number; titleFontSize: number; labelColor: string; gridColor: string };
  /** the PDF report's arrangement: columns (1 or 2), body size, margins (src/render/pdf/pages.ts) */
  report?: { columns?: number; bodySize?: number; marginsMm?: [number, number, number, number] };
  /** print outputs: the ICC profile colours are converted with and the PDF/X OutputIntent embeds (templates/icc/) */
  print?: { profile?: string };
}
