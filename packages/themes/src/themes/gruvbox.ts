import type { ThemeDefinition } from "../types.js";

/**
 * Gruvbox dark: bg0_h #1d2021, bg0 #282828, bg0_s #32302f, bg1 #3c3836,
 * fg1 #ebdbb2, fg3 #bdae93 and the bright accents. Bright red (#fb4934)
 * reaches only 4.1:1 on bg0, so it is left out of the name colours.
 */
export const GRUVBOX: ThemeDefinition = {
  name: "Gruvbox",
  slug: "gruvbox",
  isDark: true,
  origin: "Gruvbox's public dark palette",
  colors: {
    "accent-color": "#8ec07c",
    "primary-color": "#83a598",
    "warning-color": "#fb4934",
    alert: "#fabd2f",
    "sidebar-color": "#1d2021",
    "roomlist-background-color": "#32302f",
    "roomlist-text-color": "#ebdbb2",
    "roomlist-text-secondary-color": "#bdae93",
    "roomlist-highlights-color": "#3c3836",
    "roomlist-separator-color": "#504945",
    "timeline-background-color": "#282828",
    "timeline-text-color": "#ebdbb2",
    "timeline-text-secondary-color": "#bdae93",
    "timeline-highlights-color": "#32302f",
    "secondary-content": "#bdae93",
    "tertiary-content": "#a89984",
    "reaction-row-button-selected-bg-color": "#504945",
    "username-colors": [
      "#fabd2f",
      "#b8bb26",
      "#8ec07c",
      "#83a598",
      "#d3869b",
      "#fe8019",
      "#ebdbb2",
      "#d5c4a1",
    ],
    "avatar-background-colors": [
      "#b57614",
      "#79740e",
      "#427b58",
      "#076678",
      "#8f3f71",
      "#af3a03",
      "#9d0006",
      "#665c54",
    ],
  },
};
