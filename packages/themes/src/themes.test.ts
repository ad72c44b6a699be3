import { describe, expect, it } from "vitest";
import { WCAG_AA_NORMAL_TEXT, contrastRatio } from "./contrast.js";
import { THEMES, THEME_NAMES, findTheme, textContrastPairs } from "./themes.js";

const HEX = /^#[0-9a-f]{6}$/;

const pairs = THEMES.flatMap((theme) =>
  textContrastPairs(theme).map((pair) => ({ theme: theme.name, ...pair })),
);

describe("THEMES", () => {
  it("lists the seven themes alphabetically", () => {
    expect(THEMES.map((theme) => theme.name)).toEqual([...THEME_NAMES]);
    expect([...THEME_NAMES].sort((a, b) => a.localeCompare(b))).toEqual([
      ...THEME_NAMES,
    ]);
  });

  it("gives every theme a unique slug", () => {
    const slugs = new Set(THEMES.map((theme) => theme.slug));
    expect(slugs.size).toBe(THEMES.length);
  });

  it.each(THEMES.map((theme) => [theme.name, theme] as const))(
    "%s uses only lower-case opaque #rrggbb colours",
    (_name, theme) => {
      const colours = Object.values(theme.colors).flat();
      for (const colour of colours) {
        expect(colour).toMatch(HEX);
      }
    },
  );

  it.each(THEMES.map((theme) => [theme.name, theme] as const))(
    "%s has eight name and eight avatar colours",
    (_name, theme) => {
      expect(theme.colors["username-colors"]).toHaveLength(8);
      expect(theme.colors["avatar-background-colors"]).toHaveLength(8);
    },
  );
});

describe("textContrastPairs", () => {
  it("covers primary and secondary text on every background", () => {
    const discord = findTheme("Discord Dark");
    expect(discord).toBeDefined();
    const names = textContrastPairs(discord!).map(
      (pair) => `${pair.text} on ${pair.background}`,
    );
    expect(names).toContain("timeline-text-color on timeline-background-color");
    expect(names).toContain(
      "timeline-text-secondary-color on timeline-highlights-color",
    );
    expect(names).toContain(
      "roomlist-text-secondary-color on roomlist-highlights-color",
    );
    expect(names).toContain("username-colors[7] on timeline-background-color");
  });

  it.each(pairs)(
    "$theme: $text on $background meets WCAG AA",
    ({ textColour, backgroundColour }) => {
      expect(
        contrastRatio(textColour, backgroundColour),
      ).toBeGreaterThanOrEqual(WCAG_AA_NORMAL_TEXT);
    },
  );
});

describe("findTheme", () => {
  it("returns undefined for an unknown name", () => {
    expect(findTheme("Solarized")).toBeUndefined();
  });
});
