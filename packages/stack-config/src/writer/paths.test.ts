import { describe, expect, it } from "vitest";
import { assertSafePath, UnsafePathError, unsafePathReason } from "./paths.js";

describe("unsafePathReason", () => {
  it.each([
    { name: "empty", path: "" },
    { name: "absolute", path: "/etc/passwd" },
    { name: "drive letter", path: "C:/x.yaml" },
    { name: "parent segment", path: "apps/../../x.yaml" },
    { name: "leading parent", path: "../x.yaml" },
    { name: "dot segment", path: "./apps/x.yaml" },
    { name: "empty segment", path: "apps//x.yaml" },
    { name: "trailing slash", path: "apps/" },
    { name: "backslash", path: "apps\\x.yaml" },
    { name: "NUL byte", path: "apps/x\0.yaml" },
    {
      name: "flux-system folder",
      path: "clusters/prod/flux-system/gotk-sync.yaml",
    },
    { name: "flux-system itself", path: "clusters/prod/flux-system" },
    { name: "cluster kustomization", path: "clusters/prod/kustomization.yaml" },
    { name: "managed list", path: ".axion-stack-managed" },
  ])("rejects $name", ({ path }) => {
    expect(unsafePathReason(path)).toBeDefined();
    expect(() => assertSafePath(path)).toThrow(UnsafePathError);
  });

  it.each([
    "SECRETS.md",
    "apps/matrix/release.yaml",
    "clusters/prod/apps.yaml",
    "infrastructure/flux-system.yaml",
    "apps/..hidden/x.yaml",
  ])("accepts %s", (path) => {
    expect(unsafePathReason(path)).toBeUndefined();
  });
});
