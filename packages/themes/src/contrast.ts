/**
 * WCAG 2.2 contrast helpers. Formulas follow the definitions of "relative
 * luminance" and "contrast ratio" in WCAG 2.2.
 */

/** Minimum contrast of normal text for level AA (success criterion 1.4.3). */
export const WCAG_AA_NORMAL_TEXT = 4.5;

/** Minimum contrast of large text and of UI components for level AA. */
export const WCAG_AA_LARGE_TEXT = 3;

/** An opaque sRGB colour, each channel 0 to 255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX_COLOUR = /^#([0-9a-f]{6})$/i;

/** Parses `#rrggbb`; throws on any other form, alpha included. */
export function parseHexColour(hex: string): Rgb {
  const match = HEX_COLOUR.exec(hex);
  if (!match?.[1]) {
    throw new Error(
      `invalid colour "${hex}": expected an opaque colour as #rrggbb`,
    );
  }
  const value = Number.parseInt(match[1], 16);
  return { r: (value >> 16) & 0xff, g: (value >> 8) & 0xff, b: value & 0xff };
}

function linearChannel(channel: number): number {
  const srgb = channel / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour, from 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = parseHexColour(hex);
  return (
    0.2126 * linearChannel(r) +
    0.7152 * linearChannel(g) +
    0.0722 * linearChannel(b)
  );
}

/** Contrast ratio of two colours, from 1 to 21; the order does not matter. */
export function contrastRatio(first: string, second: string): number {
  const a = relativeLuminance(first);
  const b = relativeLuminance(second);
  const lighter = Math.max(a, b);
  const darker = Math.min(a, b);
  return (lighter + 0.05) / (darker + 0.05);
}
