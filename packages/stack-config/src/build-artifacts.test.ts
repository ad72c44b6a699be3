import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readBuildArtifacts, readBuildOutput } from "./build-artifacts.js";

const dir = mkdtempSync(join(tmpdir(), "build-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readBuildOutput", () => {
  it("reads nested files by relative path", () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<title>x</title>");
    writeFileSync(join(dir, "assets", "a.js"), "a()");
    expect(readBuildOutput(dir)).toEqual({
      "assets/a.js": "a()",
      "index.html": "<title>x</title>",
    });
  });

  it("returns undefined for a missing folder", () => {
    expect(readBuildOutput(join(dir, "missing"))).toBeUndefined();
  });
});

describe("readBuildArtifacts", () => {
  it("returns undefined outside the repository", () => {
    const root = mkdtempSync(join(tmpdir(), "artifacts-none-"));
    expect(readBuildArtifacts(root)).toBeUndefined();
    rmSync(root, { recursive: true });
  });

  it("reads built apps and leaves out unbuilt ones", () => {
    const root = mkdtempSync(join(tmpdir(), "artifacts-repo-"));
    mkdirSync(join(root, "apps/setup-site/dist"), { recursive: true });
    writeFileSync(join(root, "apps/setup-site/dist/index.html"), "<p>");
    mkdirSync(join(root, "apps/element-call"), { recursive: true });

    expect(readBuildArtifacts(root)).toEqual({
      setupSite: { "index.html": "<p>" },
    });
    rmSync(root, { recursive: true });
  });
});
