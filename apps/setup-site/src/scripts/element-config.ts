import type { ResolvedStack } from "@axion-stack/stack-config";
import {
  THEMES,
  elementCustomThemes,
  elementDefaultTheme,
  type ElementCustomTheme,
} from "@axion-stack/themes";

/** The part of Element Desktop's `config.json` that the setup scripts write. */
export interface ElementDesktopConfig {
  default_server_config: {
    "m.homeserver": { base_url: string; server_name: string };
  };
  brand: string;
  default_theme: string;
  setting_defaults: { custom_themes: ElementCustomTheme[] };
}

/** Builds Element Desktop's `config.json` for the stack's homeserver. */
export function elementDesktopConfig(
  stack: ResolvedStack,
): ElementDesktopConfig {
  return {
    default_server_config: {
      "m.homeserver": {
        base_url: stack.urls.synapse,
        server_name: stack.serverName,
      },
    },
    brand: stack.brand,
    default_theme: elementDefaultTheme(stack.setupSite.defaultTheme),
    setting_defaults: { custom_themes: elementCustomThemes(THEMES) },
  };
}
