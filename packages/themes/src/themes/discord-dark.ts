import type { ThemeDefinition } from "../types.js";

/**
 * Discord's dark palette as of its 2023 refresh: background #313338,
 * secondary #2b2d31, tertiary #1e1f22, text #dbdee1, blurple #5865f2.
 */
export const DISCORD_DARK: ThemeDefinition = {
  name: "Discord Dark",
  slug: "discord-dark",
  isDark: true,
  origin: "Discord's public dark palette (2023 refresh)",
  colors: {
    "accent-color": "#5865f2",
    "primary-color": "#00a8fc",
    "warning-color": "#f23f43",
    alert: "#f0b232",
    "sidebar-color": "#1e1f22",
    "roomlist-background-color": "#2b2d31",
    "roomlist-text-color": "#dbdee1",
    "roomlist-text-secondary-color": "#b5bac1",
    "roomlist-highlights-color": "#404249",
    "roomlist-separator-color": "#3f4147",
    "timeline-background-color": "#313338",
    "timeline-text-color": "#dbdee1",
    "timeline-text-secondary-color": "#b5bac1",
    "timeline-highlights-color": "#2e3035",
    "secondary-content": "#b5bac1",
    "tertiary-content": "#a3a9b3",
    "reaction-row-button-selected-bg-color": "#3b405a",
    "username-colors": [
      "#1abc9c",
      "#2ecc71",
      "#5dadec",
      "#c9a0dc",
      "#f47fa4",
      "#f1c40f",
      "#f0964a",
      "#f27a6e",
    ],
    "avatar-background-colors": [
      "#5865f2",
      "#248046",
      "#1a6fb0",
      "#8e44ad",
      "#ad1457",
      "#9a7d0a",
      "#a84300",
      "#c0392b",
    ],
  },
};
