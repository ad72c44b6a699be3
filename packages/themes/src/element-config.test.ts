import { describe, expect, it } from "vitest";
import {
  elementCustomTheme,
  elementDefaultTheme,
  elementCustomThemes,
  elementThemeId,
} from "./element-config.js";
import { THEMES, findTheme } from "./themes.js";

describe("elementCustomTheme", () => {
  it("writes the keys Element reads", () => {
    const entry = elementCustomTheme(findTheme("Gruvbox")!);
    expect(entry.name).toBe("Gruvbox");
    expect(entry.is_dark).toBe(true);
    expect(entry.colors["timeline-background-color"]).toBe("#282828");
    expect(entry.colors["username-colors"]).toHaveLength(8);
  });

  it("marks the light theme as not dark", () => {
    expect(elementCustomTheme(findTheme("Electric Blue")!).is_dark).toBe(false);
  });

  it("copies colour lists so callers cannot change the definition", () => {
    const theme = findTheme("Wal")!;
    const entry = elementCustomTheme(theme);
    entry.colors["username-colors"].push("#000000");
    expect(theme.colors["username-colors"]).toHaveLength(8);
  });
});

describe("elementCustomThemes", () => {
  it("keeps the order of the themes", () => {
    const names = elementCustomThemes(THEMES).map((entry) => entry.name);
    expect(names).toEqual(THEMES.map((theme) => theme.name));
  });
});

describe("elementThemeId", () => {
  it("prefixes the name with custom-", () => {
    expect(elementThemeId("Deep Purple")).toBe("custom-Deep Purple");
  });
});

describe("elementDefaultTheme", () => {
  it.each([
    { theme: "light", setting: "light" },
    { theme: "dark", setting: "dark" },
    { theme: "Wal", setting: "custom-Wal" },
  ])("maps $theme to $setting", ({ theme, setting }) => {
    expect(elementDefaultTheme(theme)).toBe(setting);
  });
});
