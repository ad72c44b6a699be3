import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
