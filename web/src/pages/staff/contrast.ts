import { contrast, textOn } from "../../branding";

// The contrast checks of a tenant's theme, as the site applies it (src/branding.ts): text on the primary colour
// (the header, the buttons), the primary colour as text on the white page (links, bars) and text on the
// secondary colour (badges). WCAG 2.1 AA asks 4.5:1 for normal text.

export const minimumContrast = 4.5;

export type ContrastPair = "primaryOnWhite" | "textOnPrimary" | "textOnSecondary";

export interface ContrastCheck {
  pair: ContrastPair;
  ratio: number;
  ok: boolean;
}

export const isColour = (value: string) => /^#[0-9a-f]{6}$/i.test(value.trim());

export function contrastChecks(primary: string, secondary: string): ContrastCheck[] {
  const checks: [ContrastPair, number][] = [
    ["primaryOnWhite", contrast(primary, "#ffffff")],
    ["textOnPrimary", contrast(primary, textOn(primary))],
    ["textOnSecondary", contrast(secondary, textOn(secondary))],
  ];
  return checks.map(([pair, ratio]) => ({ pair, ratio, ok: ratio >= minimumContrast }));
}

/** A ratio as people read it: one decimal, rounded down so that 4.49 never shows as 4.5. */
export function ratioText(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10);
}
