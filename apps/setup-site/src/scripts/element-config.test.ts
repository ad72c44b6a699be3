import { resolveStack } from "@axion-stack/stack-config";
import { THEMES } from "@axion-stack/themes";
import { describe, expect, it } from "vitest";
import { elementDesktopConfig } from "./element-config.js";

describe("elementDesktopConfig", () => {
  const stack = resolveStack({ serverName: "example.org", brand: "Example" });
  const config = elementDesktopConfig(stack);

  it("points Element at the stack's homeserver", () => {
    expect(config.default_server_config["m.homeserver"]).toEqual({
      base_url: "https://matrix.example.org",
      server_name: "example.org",
    });
  });

  it("selects the default theme by its custom theme id", () => {
    expect(config.default_theme).toBe("custom-aXion1337 Dark");
  });

  it("lists every theme under setting_defaults.custom_themes", () => {
    const names = config.setting_defaults.custom_themes.map((t) => t.name);
    expect(names).toEqual(THEMES.map((theme) => theme.name));
  });

  it("sets the brand", () => {
    expect(config.brand).toBe("Example");
  });
});
