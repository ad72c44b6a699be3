import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/** Browser tests that assert measured bitrates and frame rates. */
const MEASURING_TESTS = ["tests/e2e/element-call-caps.test.ts"];

const upstream = fileURLToPath(
  new URL("./tests/support/upstream.ts", import.meta.url),
);

export default defineConfig({
  // Workspace packages are imported through Vite's SSR resolver, which
  // ignores `resolve.conditions`; without this, tests would run the
  // packages' stale `dist/` instead of `src/`.
  ssr: { resolve: { conditions: ["source"] } },
  resolve: {
    conditions: ["source"],
    alias: { "@axion-stack/test-upstream": upstream },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...MEASURING_TESTS],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: "measure",
          include: MEASURING_TESTS,
          // These tests measure encoder output, which overshoots its
          // bitrate target when other test files compete for the CPU, so
          // they run alone, one file at a time, after the other projects.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
