/**
 * Builds the site for one resolved stack with Vite. The output depends only
 * on the stack and the sources, so two builds give the same bytes.
 */
import { fileURLToPath } from "node:url";
import type { ResolvedStack } from "@axion-stack/stack-config";
import { build, type InlineConfig } from "vite";
import { setupSitePlugin } from "./plugin.js";

/** The app's folder, which holds `index.html`. */
export const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** Default output folder, which the CLI reads the built files from. */
export const DIST_DIR = fileURLToPath(new URL("../../dist", import.meta.url));

/** Returns the Vite config that builds the site for `stack` into `outDir`. */
export function siteViteConfig(
  stack: ResolvedStack,
  outDir: string = DIST_DIR,
): InlineConfig {
  return {
    configFile: false,
    root: APP_DIR,
    base: stack.setupSite.path,
    logLevel: "warn",
    plugins: [setupSitePlugin(stack)],
    build: {
      outDir,
      emptyOutDir: true,
      target: "es2022",
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  };
}

/** Builds the site for `stack` into `outDir`. */
export async function buildSetupSite(
  stack: ResolvedStack,
  outDir: string = DIST_DIR,
): Promise<void> {
  await build(siteViteConfig(stack, outDir));
}
