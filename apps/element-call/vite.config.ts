/**
 * Builds the caps script as one classic script (IIFE), so it can run
 * synchronously as the first script of the widget's index.html, plus the
 * files that the element-call generator reads from `dist/`:
 *
 * - `axion-call-caps.js`: the script;
 * - `config.upstream.json`: the config.json that the Element Call package
 *   ships, which the generator extends with the caps;
 * - `build.json`: the Element Call version the build was made from.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);
const packageDir = dirname(
  require.resolve("@element-hq/element-call-embedded/package.json"),
);

/** File name of the script, fixed so the generator and nginx can name it. */
export const SCRIPT_FILE = "axion-call-caps.js";

function elementCallFiles(): Plugin {
  const manifest = JSON.parse(
    readFileSync(join(packageDir, "package.json"), "utf8"),
  ) as { version: string };
  const upstreamConfig = readFileSync(join(packageDir, "dist/config.json"));

  return {
    name: "axion-element-call-files",
    generateBundle() {
      this.emitFile({
        type: "asset",
        fileName: "config.upstream.json",
        source: upstreamConfig,
      });
      this.emitFile({
        type: "asset",
        fileName: "build.json",
        source: `${JSON.stringify(
          { elementCall: manifest.version, script: SCRIPT_FILE },
          null,
          2,
        )}\n`,
      });
    },
  };
}

export default defineConfig({
  plugins: [elementCallFiles()],
  // Workspace packages are bundled from their TypeScript sources.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: {
    target: "es2022",
    emptyOutDir: true,
    sourcemap: false,
    lib: {
      entry: "src/main.ts",
      formats: ["iife"],
      name: "axionCallCapsScript",
      fileName: () => SCRIPT_FILE,
    },
  },
});
