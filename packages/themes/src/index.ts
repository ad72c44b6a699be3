export {
  WCAG_AA_LARGE_TEXT,
  WCAG_AA_NORMAL_TEXT,
  contrastRatio,
  parseHexColour,
  relativeLuminance,
  type Rgb,
} from "./contrast.js";
export {
  THEMES,
  THEME_NAMES,
  findTheme,
  textContrastPairs,
  type ContrastPair,
  type ThemeName,
} from "./themes.js";
export {
  elementCustomTheme,
  elementDefaultTheme,
  elementCustomThemes,
  elementThemeId,
  type ElementCustomTheme,
} from "./element-config.js";
export type {
  EightColours,
  ElementThemeColours,
  HexColour,
  ThemeDefinition,
} from "./types.js";
