/**
 * The colour format of Element's custom themes, as Element Web and Element
 * Desktop read them from `setting_defaults.custom_themes` in `config.json`.
 * Every colour here is an opaque `#rrggbb`, so its contrast can be computed.
 */

/** A colour as `#rrggbb`. */
export type HexColour = `#${string}`;

/** Eight colours, the length Element expects for name and avatar colours. */
export type EightColours = readonly [
  HexColour,
  HexColour,
  HexColour,
  HexColour,
  HexColour,
  HexColour,
  HexColour,
  HexColour,
];

/** The `colors` object of one Element custom theme, keys as Element names them. */
export interface ElementThemeColours {
  /** Buttons, toggles and other controls in their active state. */
  "accent-color": HexColour;
  /** Links, focus and other primary highlights. */
  "primary-color": HexColour;
  /** Errors and destructive actions. */
  "warning-color": HexColour;
  /** Notices that are not errors, such as unread highlights. */
  alert: HexColour;
  /** The space bar at the far left. */
  "sidebar-color": HexColour;
  "roomlist-background-color": HexColour;
  "roomlist-text-color": HexColour;
  "roomlist-text-secondary-color": HexColour;
  /** The selected or hovered room in the room list. */
  "roomlist-highlights-color": HexColour;
  "roomlist-separator-color": HexColour;
  "timeline-background-color": HexColour;
  "timeline-text-color": HexColour;
  "timeline-text-secondary-color": HexColour;
  /** A hovered or highlighted event in the timeline. */
  "timeline-highlights-color": HexColour;
  /** Secondary text of the Compound design tokens (timestamps, hints). */
  "secondary-content": HexColour;
  /** Tertiary text of the Compound design tokens (placeholders). */
  "tertiary-content": HexColour;
  "reaction-row-button-selected-bg-color": HexColour;
  /** Display name colours in the timeline. */
  "username-colors": EightColours;
  /** Backgrounds of avatars that have no picture. */
  "avatar-background-colors": EightColours;
}

/** One of the stack's themes: its Element colours and where they come from. */
export interface ThemeDefinition {
  /** Name shown in Element's theme picker; Element's theme id derives from it. */
  name: string;
  /** URL-safe id, used for file names and HTML ids. */
  slug: string;
  /** Dark themes make Element pick its dark base theme. */
  isDark: boolean;
  /** Source of the colour values: a public palette or our own design. */
  origin: string;
  colors: ElementThemeColours;
}
