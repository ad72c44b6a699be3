import type { ThemeDefinition } from "../types.js";

/**
 * Everforest dark, medium contrast: bg_dim #232a2e, bg0 #2d353b, bg1
 * #343f44, bg2 #3d484d, fg #d3c6aa and the green, aqua and blue accents.
 * Highlighted events use bg_dim, because red names reach only 3.9:1 on
 * bg1.
 */
export const EVERFOREST: ThemeDefinition = {
  name: "Everforest",
  slug: "everforest",
  isDark: true,
  origin: "Everforest's public dark palette (medium)",
  colors: {
    "accent-color": "#a7c080",
    "primary-color": "#7fbbb3",
    "warning-color": "#e67e80",
    alert: "#dbbc7f",
    "sidebar-color": "#232a2e",
    "roomlist-background-color": "#232a2e",
    "roomlist-text-color": "#d3c6aa",
    "roomlist-text-secondary-color": "#a7b0a9",
    "roomlist-highlights-color": "#343f44",
    "roomlist-separator-color": "#3d484d",
    "timeline-background-color": "#2d353b",
    "timeline-text-color": "#d3c6aa",
    "timeline-text-secondary-color": "#a7b0a9",
    "timeline-highlights-color": "#232a2e",
    "secondary-content": "#a7b0a9",
    "tertiary-content": "#9da9a0",
    "reaction-row-button-selected-bg-color": "#425047",
    "username-colors": [
      "#a7c080",
      "#83c092",
      "#7fbbb3",
      "#dbbc7f",
      "#e69875",
      "#e67e80",
      "#d699b6",
      "#d3c6aa",
    ],
    "avatar-background-colors": [
      "#5a7040",
      "#3f7050",
      "#3d6b66",
      "#7a6530",
      "#8a4f35",
      "#8f3f41",
      "#7d4a66",
      "#5c6a5f",
    ],
  },
};
