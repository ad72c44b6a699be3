/**
 * The setup scripts as users run them. The Linux script runs for real
 * against a fake copy of Element's signed Debian repository on 127.0.0.1,
 * in a temporary HOME; shellcheck checks both sh scripts, and the
 * PowerShell grammar of tree-sitter parses the Windows script.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { resolveStack } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Language, Parser } from "web-tree-sitter";
import stackConfig from "../../stack.config.js";
import { elementDesktopConfig } from "../../apps/setup-site/src/scripts/element-config.js";
import { renderSetupScripts } from "../../apps/setup-site/src/scripts/render.js";
import { siteModel } from "../../apps/setup-site/src/site/model.js";
import {
  buildTestPackage,
  createSigningKey,
  type RunningServer,
  serveDirectory,
  type SigningKey,
  snapshotTree,
  stopSigningAgent,
  writeFakeRepository,
} from "./setup-site-support.js";

const stack = resolveStack(stackConfig);
const scripts = renderSetupScripts(stack);
const work = mkdtempSync(join(tmpdir(), "setup-site-scripts-"));
const VERSION = "1.12.3";

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the Linux script as a user with an empty environment would. It runs
 * asynchronously because the fake server responds from this process.
 */
function runLinuxScript(
  home: string,
  downloadBase: string,
): Promise<ScriptRun> {
  const child = spawn("sh", ["-s"], {
    env: {
      PATH: "/usr/bin:/bin",
      HOME: home,
      TMPDIR: join(work, "tmp"),
      AXION_ELEMENT_DOWNLOAD_BASE: downloadBase,
    },
    timeout: 60_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(scripts.linux);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Creates a parser with the PowerShell grammar of tree-sitter-powershell. */
async function powerShellParser(): Promise<Parser> {
  await Parser.init();
  const grammar = createRequire(import.meta.url).resolve(
    "tree-sitter-powershell/tree-sitter-powershell.wasm",
  );
  const parser = new Parser();
  parser.setLanguage(await Language.load(grammar));
  return parser;
}

describe("setup scripts static checks", () => {
  it.each(["linux", "macos"] as const)("%s passes shellcheck", (os) => {
    const result = spawnSync("shellcheck", ["--shell=sh", "-"], {
      input: scripts[os],
      encoding: "utf8",
    });
    expect(result.error, "shellcheck is not installed").toBeUndefined();
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("Windows script parses as PowerShell", async () => {
    const parser = await powerShellParser();

    const tree = parser.parse(scripts.windows);
    expect(tree?.rootNode.hasError).toBe(false);
    // The same parser rejects the script with one brace removed.
    const broken = scripts.windows.replace(
      "Install-ElementConfig {",
      "Install-ElementConfig",
    );
    expect(parser.parse(broken)?.rootNode.hasError).toBe(true);
  });
});

describe("setup site commands", () => {
  const sections = siteModel(stack).sections;

  it.each(
    sections.filter((s) => s.id !== "windows").map((s) => [s.id, s.command]),
  )("%s command is valid sh", (_os, command) => {
    const result = spawnSync("sh", ["-n", "-c", command], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("Windows command parses as PowerShell", async () => {
    const parser = await powerShellParser();
    const windows = sections.find((s) => s.id === "windows")!;
    expect(parser.parse(windows.command)?.rootNode.hasError).toBe(false);
  });
});

describe("setup-linux.sh against a fake package server", () => {
  let trusted: SigningKey;
  let stranger: SigningKey;
  let server: RunningServer;
  let deb: Buffer;

  beforeAll(async () => {
    expect(
      existsSync("/usr/bin/flatpak"),
      "flatpak would take the Flatpak path",
    ).toBe(false);
    trusted = createSigningKey(join(work, "gnupg-trusted"), "Test archive");
    stranger = createSigningKey(join(work, "gnupg-stranger"), "Stranger");
    deb = buildTestPackage(join(work, "package"), VERSION);
    writeFakeRepository({
      root: join(work, "good"),
      deb,
      version: VERSION,
      trustedKey: trusted,
      signer: trusted,
    });
    server = await serveDirectory(work);
    spawnSync("mkdir", ["-p", join(work, "tmp")]);
  });

  afterAll(async () => {
    await server?.close();
    for (const key of [trusted, stranger]) {
      if (key) stopSigningAgent(key);
    }
  });

  describe("first and second run", () => {
    const home = join(work, "home-success");
    let first: ScriptRun;

    beforeAll(async () => {
      spawnSync("mkdir", ["-p", home]);
      first = await runLinuxScript(home, `${server.url}/good`);
    });

    it("installs the verified package and exits 0", () => {
      expect(first.stderr).toBe("");
      expect(first.status).toBe(0);
      expect(first.stdout).toContain("verified: OpenPGP signature of");
      expect(first.stdout).toContain(
        `verified: SHA-256 of element-desktop_${VERSION}_amd64.deb`,
      );
      const binary = join(home, ".local/share/element-desktop/element-desktop");
      expect(spawnSync(binary, { encoding: "utf8" }).stdout).toBe(
        `element-desktop ${VERSION}\n`,
      );
    });

    it("writes config.json for the homeserver and themes", () => {
      const path = join(home, ".config/Element/config.json");
      const written = JSON.parse(readFileSync(path, "utf8"));
      expect(written).toEqual(elementDesktopConfig(stack));
      expect(first.stdout).toContain(`changed: wrote ${path}`);
    });

    it("links a launcher and a desktop entry", () => {
      expect(existsSync(join(home, ".local/bin/element-desktop"))).toBe(true);
      const entry = readFileSync(
        join(home, ".local/share/applications/element-desktop.desktop"),
        "utf8",
      );
      expect(entry).toContain(
        `Exec="${home}/.local/share/element-desktop/element-desktop" %U`,
      );
    });

    it("changes nothing on a second run and says so", async () => {
      const before = snapshotTree(home);
      const second = await runLinuxScript(home, `${server.url}/good`);
      expect(second.status).toBe(0);
      expect(second.stdout).not.toMatch(/^changed:/m);
      expect(second.stdout).toContain("nothing changed");
      expect(snapshotTree(home)).toEqual(before);
    });
  });

  it("keeps a different config.json as a backup", async () => {
    const home = join(work, "home-backup");
    const config = join(home, ".config/Element/config.json");
    spawnSync("mkdir", ["-p", dirname(config)]);
    writeFileSync(config, '{"brand": "Old"}\n');

    const result = await runLinuxScript(home, `${server.url}/good`);
    expect(result.status).toBe(0);
    const backups = readdirSync(dirname(config)).filter((name) =>
      name.startsWith("config.json.before-setup-"),
    );
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dirname(config), backups[0]!), "utf8")).toBe(
      '{"brand": "Old"}\n',
    );
    expect(JSON.parse(readFileSync(config, "utf8"))).toEqual(
      elementDesktopConfig(stack),
    );
  });

  it("aborts on a checksum mismatch and leaves HOME unchanged", async () => {
    writeFakeRepository({
      root: join(work, "tampered"),
      deb,
      version: VERSION,
      trustedKey: trusted,
      signer: trusted,
      listedSha256: "ab".repeat(32),
    });
    const home = join(work, "home-mismatch");
    spawnSync("mkdir", ["-p", home]);

    const result = await runLinuxScript(home, `${server.url}/tampered`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `error: checksum mismatch for element-desktop_${VERSION}_amd64.deb: expected SHA-256 ${"ab".repeat(32)}`,
    );
    expect(result.stderr).toContain("nothing was installed");
    expect(snapshotTree(home)).toEqual({});
  });

  it("aborts on a signature by another key and leaves HOME unchanged", async () => {
    writeFakeRepository({
      root: join(work, "forged"),
      deb,
      version: VERSION,
      trustedKey: trusted,
      signer: stranger,
    });
    const home = join(work, "home-forged");
    spawnSync("mkdir", ["-p", home]);

    const result = await runLinuxScript(home, `${server.url}/forged`);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /error: invalid signature on .*\/debian\/dists\/default\/InRelease/,
    );
    expect(snapshotTree(home)).toEqual({});
  });

  it("rejects a plain HTTP download base off this machine", async () => {
    const home = join(work, "home-http");
    spawnSync("mkdir", ["-p", home]);
    const result = await runLinuxScript(home, "http://packages.invalid");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "error: invalid download base 'http://packages.invalid': use an https:// URL",
    );
    expect(snapshotTree(home)).toEqual({});
  });
});
