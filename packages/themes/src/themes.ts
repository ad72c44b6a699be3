import { AXION1337_DARK } from "./themes/axion1337-dark.js";
import { DEEP_PURPLE } from "./themes/deep-purple.js";
import { DISCORD_DARK } from "./themes/discord-dark.js";
import { ELECTRIC_BLUE } from "./themes/electric-blue.js";
import { EVERFOREST } from "./themes/everforest.js";
import { GRUVBOX } from "./themes/gruvbox.js";
import { WAL } from "./themes/wal.js";
import type { ElementThemeColours, ThemeDefinition } from "./types.js";

/** Names of the stack's themes, as Element's theme picker shows them. */
export const THEME_NAMES = [
  "aXion1337 Dark",
  "Deep Purple",
  "Discord Dark",
  "Electric Blue",
  "Everforest",
  "Gruvbox",
  "Wal",
] as const;

/** One of the stack's themes, by name. */
export type ThemeName = (typeof THEME_NAMES)[number];

/** Every theme, in alphabetical order of name. */
export const THEMES: readonly ThemeDefinition[] = [
  AXION1337_DARK,
  DEEP_PURPLE,
  DISCORD_DARK,
  ELECTRIC_BLUE,
  EVERFOREST,
  GRUVBOX,
  WAL,
];

/** Returns the theme called `name`, or undefined when there is none. */
export function findTheme(name: string): ThemeDefinition | undefined {
  return THEMES.find((theme) => theme.name === name);
}

type ColourKey = Exclude<
  keyof ElementThemeColours,
  "username-colors" | "avatar-background-colors"
>;

/** A text colour on a background colour that Element draws it on. */
export interface ContrastPair {
  text: string;
  textColour: string;
  background: string;
  backgroundColour: string;
}

const TEXT_ON_BACKGROUND: readonly [ColourKey, ColourKey][] = [
  ["timeline-text-color", "timeline-background-color"],
  ["timeline-text-color", "timeline-highlights-color"],
  ["timeline-text-secondary-color", "timeline-background-color"],
  ["timeline-text-secondary-color", "timeline-highlights-color"],
  ["secondary-content", "timeline-background-color"],
  ["secondary-content", "timeline-highlights-color"],
  ["roomlist-text-color", "roomlist-background-color"],
  ["roomlist-text-color", "roomlist-highlights-color"],
  ["roomlist-text-color", "sidebar-color"],
  ["roomlist-text-secondary-color", "roomlist-background-color"],
  ["roomlist-text-secondary-color", "roomlist-highlights-color"],
  ["primary-color", "timeline-background-color"],
];

/**
 * Lists every text colour of `theme` with each background Element shows it
 * on: primary and secondary text of the timeline and the room list, link
 * colour, and every display name colour on the timeline's normal and
 * highlighted background.
 */
export function textContrastPairs(theme: ThemeDefinition): ContrastPair[] {
  const { colors } = theme;
  const pairs: ContrastPair[] = TEXT_ON_BACKGROUND.map(
    ([text, background]) => ({
      text,
      textColour: colors[text],
      background,
      backgroundColour: colors[background],
    }),
  );

  const nameBackgrounds = [
    "timeline-background-color",
    "timeline-highlights-color",
  ] as const;
  colors["username-colors"].forEach((colour, index) => {
    for (const background of nameBackgrounds) {
      pairs.push({
        text: `username-colors[${index}]`,
        textColour: colour,
        background,
        backgroundColour: colors[background],
      });
    }
  });
  return pairs;
}
