/**
 * The branches of the sh scripts that need tools this Debian machine lacks:
 * Flatpak on Linux, and hdiutil, codesign, spctl and ditto on macOS. Small
 * stand-ins on PATH record their arguments and act like the real tools,
 * so the scripts' own logic runs for real in a temporary HOME.
 */
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveStack } from "@axion-stack/stack-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import stackConfig from "../../stack.config.js";
import { elementDesktopConfig } from "../../apps/setup-site/src/scripts/element-config.js";
import { renderSetupScripts } from "../../apps/setup-site/src/scripts/render.js";
import {
  type RunningServer,
  serveDirectory,
  snapshotTree,
} from "./setup-site-support.js";

const stack = resolveStack(stackConfig);
const scripts = renderSetupScripts(stack);
const work = mkdtempSync(join(tmpdir(), "setup-site-stubbed-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Writes executable stand-ins into a new folder and returns it. */
function stubTools(name: string, tools: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [tool, body] of Object.entries(tools)) {
    const path = join(dir, tool);
    writeFileSync(
      path,
      `#!/bin/sh\necho "${tool} $*" >>"${dir}/calls.log"\n${body}\n`,
    );
    chmodSync(path, 0o755);
  }
  return dir;
}

function runScript(
  script: string,
  home: string,
  env: Record<string, string>,
): Promise<ScriptRun> {
  const child = spawn("sh", ["-s"], {
    env: { HOME: home, TMPDIR: join(work, "tmp"), ...env },
    timeout: 60_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(script);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function calls(stubs: string): string[] {
  const log = join(stubs, "calls.log");
  return existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
}

beforeAll(() => mkdirSync(join(work, "tmp"), { recursive: true }));

describe("setup-linux.sh with Flatpak", () => {
  const home = join(work, "home-flatpak");
  const installed = join(work, "flatpak-installed");
  const stubs = stubTools("flatpak-bin", {
    flatpak: [
      'case "$1" in',
      `  info) test -e "${installed}" ;;`,
      `  install) touch "${installed}" ;;`,
      "esac",
    ].join("\n"),
  });
  const env = { PATH: `${stubs}:/usr/bin:/bin` };
  let first: ScriptRun;

  beforeAll(async () => {
    mkdirSync(home, { recursive: true });
    first = await runScript(scripts.linux, home, env);
  });

  it("installs the Flathub app for this user", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(calls(stubs)).toEqual([
      "flatpak info im.riot.Riot",
      "flatpak remote-add --user --if-not-exists flathub https://dl.flathub.org/repo/flathub.flatpakrepo",
      "flatpak install --user --noninteractive flathub im.riot.Riot",
    ]);
  });

  it("writes config.json inside the Flatpak sandbox", () => {
    const path = join(home, ".var/app/im.riot.Riot/config/Element/config.json");
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(
      elementDesktopConfig(stack),
    );
    expect(existsSync(join(home, ".config"))).toBe(false);
  });

  it("changes nothing on a second run", async () => {
    const before = snapshotTree(home);
    const second = await runScript(scripts.linux, home, env);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(
      "unchanged: Flatpak im.riot.Riot is already installed",
    );
    expect(second.stdout).toContain("nothing changed");
    expect(
      calls(stubs).filter((call) => call.startsWith("flatpak install")),
    ).toHaveLength(1);
    expect(snapshotTree(home)).toEqual(before);
  });
});

describe("setup-macos.sh with stand-ins for the macOS tools", () => {
  let server: RunningServer;

  beforeAll(async () => {
    const dmg = join(work, "packages/desktop/install/macos/Element.dmg");
    mkdirSync(join(dmg, ".."), { recursive: true });
    writeFileSync(dmg, "disk image");
    server = await serveDirectory(join(work, "packages"));
  });

  afterAll(async () => server?.close());

  /** Stand-ins for the macOS tools; `codesign` exits with `codesignStatus`. */
  function macTools(name: string, codesignStatus: number): string {
    return stubTools(name, {
      hdiutil: [
        'if [ "$1" = attach ]; then',
        '  while [ "$1" != -mountpoint ]; do shift; done',
        '  mkdir -p "$2/Element.app/Contents"',
        "fi",
      ].join("\n"),
      codesign: `exit ${codesignStatus}`,
      spctl: "exit 0",
      ditto: 'cp -R "$1" "$2"',
    });
  }

  it("copies the verified app and writes config.json", async () => {
    const home = join(work, "home-mac");
    mkdirSync(home, { recursive: true });
    const stubs = macTools("mac-bin", 0);
    const env = {
      PATH: `${stubs}:/usr/bin:/bin`,
      AXION_ELEMENT_DOWNLOAD_BASE: server.url,
    };

    const result = await runScript(scripts.macos, home, env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "verified: code signature and notarization of Element.app",
    );
    expect(existsSync(join(home, "Applications/Element.app/Contents"))).toBe(
      true,
    );
    const config = join(
      home,
      "Library/Application Support/Element/config.json",
    );
    expect(JSON.parse(readFileSync(config, "utf8"))).toEqual(
      elementDesktopConfig(stack),
    );

    const before = snapshotTree(home);
    const second = await runScript(scripts.macos, home, env);
    expect(second.stdout).toContain("nothing changed");
    expect(snapshotTree(home)).toEqual(before);
  });

  it("aborts on an invalid code signature and copies nothing", async () => {
    const home = join(work, "home-mac-unsigned");
    mkdirSync(home, { recursive: true });
    const stubs = macTools("mac-bin-unsigned", 1);
    const env = {
      PATH: `${stubs}:/usr/bin:/bin`,
      AXION_ELEMENT_DOWNLOAD_BASE: server.url,
    };

    const result = await runScript(scripts.macos, home, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "error: invalid code signature on Element.app",
    );
    expect(calls(stubs).some((call) => call.startsWith("ditto"))).toBe(false);
    expect(calls(stubs).some((call) => call.startsWith("hdiutil detach"))).toBe(
      true,
    );
    expect(snapshotTree(home)).toEqual({});
  });
});
