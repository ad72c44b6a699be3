/**
 * `pnpm build`: builds the site for the stack config in
 * `AXION_STACK_CONFIG`, or the repository's `stack.config.ts`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { resolveStack, type StackConfig } from "@axion-stack/stack-config";
import { APP_DIR, buildSetupSite, DIST_DIR } from "./build.js";

const configPath = resolve(
  process.env.AXION_STACK_CONFIG ?? resolve(APP_DIR, "../../stack.config.ts"),
);
const module = (await import(pathToFileURL(configPath).href)) as {
  default: StackConfig;
};

// NOTE: the config is resolved without validation; `axion-stack generate`
// validates the same file and stops on any error before using this build.
await buildSetupSite(resolveStack(module.default), DIST_DIR);
process.stderr.write(`setup site built for ${configPath} in ${DIST_DIR}\n`);
