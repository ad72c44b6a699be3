import type { ThemeDefinition } from "../types.js";

/**
 * A calm slate theme with sand and sky accents, in the spirit of the
 * wallpaper-derived palettes that pywal users pick. Our own design.
 */
export const WAL: ThemeDefinition = {
  name: "Wal",
  slug: "wal",
  isDark: true,
  origin: "designed for aXion1337.Chat",
  colors: {
    "accent-color": "#d9a066",
    "primary-color": "#8fb4d9",
    "warning-color": "#e26d6d",
    alert: "#e0c070",
    "sidebar-color": "#13151a",
    "roomlist-background-color": "#1a1d24",
    "roomlist-text-color": "#d8dee9",
    "roomlist-text-secondary-color": "#a3acb9",
    "roomlist-highlights-color": "#272b35",
    "roomlist-separator-color": "#343946",
    "timeline-background-color": "#171a20",
    "timeline-text-color": "#d8dee9",
    "timeline-text-secondary-color": "#a3acb9",
    "timeline-highlights-color": "#22262e",
    "secondary-content": "#aab2be",
    "tertiary-content": "#949dab",
    "reaction-row-button-selected-bg-color": "#3a3226",
    "username-colors": [
      "#d9a066",
      "#8fb4d9",
      "#a3c98f",
      "#d98fa8",
      "#c2a3e0",
      "#e0c070",
      "#7fc9c2",
      "#e69a80",
    ],
    "avatar-background-colors": [
      "#8a5a2b",
      "#3f5f82",
      "#4f6e3d",
      "#874055",
      "#5f4a85",
      "#7a6326",
      "#2f6e69",
      "#8a4a35",
    ],
  },
};
