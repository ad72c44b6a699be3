/**
 * CSS custom properties that colour each theme preview with the theme's
 * own Element colours.
 */
import type { ThemeDefinition } from "@axion-stack/themes";

const PROPERTIES = {
  "--mock-sidebar": "sidebar-color",
  "--mock-roomlist": "roomlist-background-color",
  "--mock-roomlist-text": "roomlist-text-color",
  "--mock-roomlist-secondary": "roomlist-text-secondary-color",
  "--mock-roomlist-highlight": "roomlist-highlights-color",
  "--mock-separator": "roomlist-separator-color",
  "--mock-timeline": "timeline-background-color",
  "--mock-text": "timeline-text-color",
  "--mock-secondary": "timeline-text-secondary-color",
  "--mock-highlight": "timeline-highlights-color",
  "--mock-accent": "accent-color",
  "--mock-link": "primary-color",
} as const;

/** Returns the rule that sets one theme's preview colours. */
export function themePreviewRule(theme: ThemeDefinition): string {
  const lines = Object.entries(PROPERTIES).map(
    ([property, key]) => `  ${property}: ${theme.colors[key]};`,
  );
  theme.colors["username-colors"].forEach((colour, index) => {
    lines.push(`  --mock-name-${index}: ${colour};`);
  });
  return `.theme-${theme.slug} {\n${lines.join("\n")}\n}`;
}

/** Returns the preview rules of every theme. */
export function themePreviewCss(themes: readonly ThemeDefinition[]): string {
  return `${themes.map(themePreviewRule).join("\n\n")}\n`;
}
