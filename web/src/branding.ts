// The tenant's branding as CSS custom properties on <html>: every style of the site reads them.

export interface Branding {
  primaryColor: string;
  secondaryColor: string;
}

function channels(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const rgb = channels(hex);
  if (!rgb) return 0;
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the colour. */
export function textOn(hex: string): string {
  return contrast(hex, "#000000") >= contrast(hex, "#ffffff") ? "#000000" : "#ffffff";
}

/** The custom properties every style of the site reads, for a branding (an invalid colour takes the default). */
export function brandingProperties(branding: Branding): Record<string, string> {
  const primary = channels(branding.primaryColor) ? branding.primaryColor.trim().toLowerCase() : "#1d4ed8";
  const secondary = channels(branding.secondaryColor) ? branding.secondaryColor.trim().toLowerCase() : "#f59e0b";
  return {
    "--civic-primary": primary,
    "--civic-on-primary": textOn(primary),
    "--civic-secondary": secondary,
    "--civic-on-secondary": textOn(secondary),
    // Links and bars on the white page: the primary colour where it reads (4.5:1), else near-black.
    "--civic-link": contrast(primary, "#ffffff") >= 4.5 ? primary : "#1f2937",
    // Focus indicators (WCAG 2.2 SC 1.4.11/2.4.13: 3:1 against what surrounds them): on the white page, and on the
    // primary-coloured header.
    "--civic-focus": focusOnPage(primary, secondary),
    "--civic-focus-on-primary": textOn(primary),
  };
}

/** The page's focus ring colour: the secondary colour where it shows on white (3:1), else the primary, else near-black. */
export function focusOnPage(primary: string, secondary: string): string {
  if (contrast(secondary, "#ffffff") >= 3) return secondary;
  if (contrast(primary, "#ffffff") >= 3) return primary;
  return "#1f2937";
}

/** Sets the branding's custom properties on an element: <html> for the whole site, or a preview panel. */
export function applyBranding(branding: Branding, element: HTMLElement = document.documentElement): void {
  for (const [name, value] of Object.entries(brandingProperties(branding))) element.style.setProperty(name, value);
}
