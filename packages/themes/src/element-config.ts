import type { ElementThemeColours, ThemeDefinition } from "./types.js";

/** One entry of `setting_defaults.custom_themes` in Element's `config.json`. */
export interface ElementCustomTheme {
  name: string;
  is_dark: boolean;
  colors: Omit<
    ElementThemeColours,
    "username-colors" | "avatar-background-colors"
  > & {
    "username-colors": string[];
    "avatar-background-colors": string[];
  };
}

/**
 * Returns the id that Element's `default_theme` setting uses for a custom
 * theme: `custom-` followed by the theme's name.
 */
export function elementThemeId(name: string): string {
  return `custom-${name}`;
}

/**
 * Returns the value of Element's `default_theme` setting for a theme name:
 * Element's built-in "light" and "dark" by their own id, any other name as
 * a custom theme id.
 */
export function elementDefaultTheme(name: string): string {
  return name === "light" || name === "dark" ? name : elementThemeId(name);
}

/** Converts one theme to its `setting_defaults.custom_themes` entry. */
export function elementCustomTheme(theme: ThemeDefinition): ElementCustomTheme {
  return {
    name: theme.name,
    is_dark: theme.isDark,
    colors: {
      ...theme.colors,
      "username-colors": [...theme.colors["username-colors"]],
      "avatar-background-colors": [...theme.colors["avatar-background-colors"]],
    },
  };
}

/** Converts themes to the `setting_defaults.custom_themes` list. */
export function elementCustomThemes(
  themes: readonly ThemeDefinition[],
): ElementCustomTheme[] {
  return themes.map(elementCustomTheme);
}
