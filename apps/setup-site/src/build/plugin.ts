/**
 * Vite plugin that turns the resolved stack into the site: the page body,
 * the theme preview CSS, the setup scripts and `setup-site.json`.
 */
import {
  type ResolvedStack,
  setupSiteSettingsSha256,
} from "@axion-stack/stack-config";
import type { Plugin } from "vite";
import { renderSetupScripts, SCRIPT_FILES } from "../scripts/render.js";
import { escapeHtml } from "../site/html.js";
import { siteModel } from "../site/model.js";
import { renderBody, renderHead } from "../site/page.js";
import { themePreviewCss } from "../site/theme-css.js";

/** Module id that `main.ts` imports the theme preview CSS from. */
export const THEME_CSS_MODULE = "virtual:theme-previews.css";
const RESOLVED_THEME_CSS = `\0${THEME_CSS_MODULE}`;

/** File with the settings the site was built for. */
export const SITE_MANIFEST_FILE = "setup-site.json";

/** Settings the site was built for; the generator checks them. */
export interface SiteManifest {
  serverName: string;
  homeserverUrl: string;
  path: string;
  defaultTheme: string;
  /** SHA-256 of every setting the pages and scripts use. */
  settingsSha256: string;
}

/** Returns the settings that a site built for `stack` records. */
export function siteManifest(stack: ResolvedStack): SiteManifest {
  return {
    serverName: stack.serverName,
    homeserverUrl: stack.urls.synapse,
    path: stack.setupSite.path,
    defaultTheme: stack.setupSite.defaultTheme,
    settingsSha256: setupSiteSettingsSha256(stack),
  };
}

function fillIndexHtml(source: string, stack: ResolvedStack): string {
  const model = siteModel(stack);
  const head = renderHead(model);
  return source
    .replace("<!--site-title-->", escapeHtml(head.title))
    .replace("<!--site-description-->", escapeHtml(head.description))
    .replace("<!--site-body-->", renderBody(model));
}

/** Builds the plugin for one stack. */
export function setupSitePlugin(stack: ResolvedStack): Plugin {
  return {
    name: "axion-setup-site",
    resolveId(id) {
      return id === THEME_CSS_MODULE ? RESOLVED_THEME_CSS : undefined;
    },
    load(id) {
      return id === RESOLVED_THEME_CSS
        ? themePreviewCss(siteModel(stack).themes)
        : undefined;
    },
    transformIndexHtml(source) {
      return fillIndexHtml(source, stack);
    },
    generateBundle() {
      const scripts = renderSetupScripts(stack);
      for (const os of Object.keys(
        SCRIPT_FILES,
      ) as (keyof typeof SCRIPT_FILES)[]) {
        this.emitFile({
          type: "asset",
          fileName: SCRIPT_FILES[os],
          source: scripts[os],
        });
      }
      this.emitFile({
        type: "asset",
        fileName: SITE_MANIFEST_FILE,
        source: `${JSON.stringify(siteManifest(stack), null, 2)}\n`,
      });
    },
  };
}
