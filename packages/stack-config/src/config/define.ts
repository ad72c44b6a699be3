import type { StackConfig } from "./model.js";

/**
 * Returns the config unchanged. Wrapping the config in it gives editor
 * completion and type errors in `stack.config.ts`.
 */
export function defineStack(config: StackConfig): StackConfig {
  return config;
}
