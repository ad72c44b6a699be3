import { resolveStack, type StackConfig } from "@axion-stack/stack-config";
import { describe, expect, it } from "vitest";
import { elementDesktopConfig } from "./element-config.js";
import { powerShellQuote, renderSetupScripts, shellQuote } from "./render.js";

const CONFIG: StackConfig = {
  serverName: "example.org",
  brand: "Example's Chat",
  setupSite: {
    defaultTheme: "Gruvbox",
    elementDesktop: { version: "1.12.3" },
  },
};
const stack = resolveStack(CONFIG);
const scripts = renderSetupScripts(stack);

function embeddedJson(script: string, start: string, end: string): unknown {
  const from = script.indexOf(start) + start.length;
  const to = script.indexOf(end, from);
  return JSON.parse(script.slice(from, to));
}

describe("shellQuote", () => {
  it.each([
    { value: "plain", quoted: "'plain'" },
    { value: "it's", quoted: "'it'\\''s'" },
    { value: "$HOME `id`", quoted: "'$HOME `id`'" },
  ])("quotes $value", ({ value, quoted }) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});

describe("powerShellQuote", () => {
  it.each([
    { value: "plain", quoted: "'plain'" },
    { value: "it's", quoted: "'it''s'" },
    { value: "it\u2019s", quoted: "'it\u2019\u2019s'" },
    { value: "$env:PATH", quoted: "'$env:PATH'" },
  ])("quotes $value", ({ value, quoted }) => {
    expect(powerShellQuote(value)).toBe(quoted);
  });
});

describe("renderSetupScripts", () => {
  it.each(Object.entries(scripts))(
    "fills every placeholder in %s",
    (_os, text) => {
      expect(text).not.toMatch(/@@[A-Z_]+@@/);
    },
  );

  it("writes the stack's settings into the shell scripts", () => {
    for (const text of [scripts.linux, scripts.macos]) {
      expect(text).toContain("BRAND='Example'\\''s Chat'");
      expect(text).toContain("HOMESERVER_URL='https://matrix.example.org'");
      expect(text).toContain("DEFAULT_THEME='Gruvbox'");
      expect(text).toContain("DOWNLOAD_BASE='https://packages.element.io'");
      expect(text).toContain("AXION_ELEMENT_DOWNLOAD_BASE");
    }
  });

  it("writes the stack's settings into the PowerShell script", () => {
    expect(scripts.windows).toContain("$Brand = 'Example''s Chat'");
    expect(scripts.windows).toContain(
      "$HomeserverUrl = 'https://matrix.example.org'",
    );
    expect(scripts.windows).toContain("$SignerText = 'Element'");
    expect(scripts.windows).toContain("$env:AXION_ELEMENT_DOWNLOAD_BASE");
  });

  it("embeds the same config.json in every script", () => {
    const expected = elementDesktopConfig(stack);
    const shellStart = "<<'ELEMENT_CONFIG_JSON'\n";
    expect(
      embeddedJson(scripts.linux, shellStart, "\nELEMENT_CONFIG_JSON"),
    ).toEqual(expected);
    expect(
      embeddedJson(scripts.macos, shellStart, "\nELEMENT_CONFIG_JSON"),
    ).toEqual(expected);
    expect(embeddedJson(scripts.windows, "@'\n", "\n'@")).toEqual(expected);
  });

  it("pins the Linux package version from the config", () => {
    expect(scripts.linux).toContain("PINNED_VERSION='1.12.3'");
  });

  it.each([
    { os: "linux", path: '"$CONFIG_HOME/Element/config.json"' },
    {
      os: "linux",
      path: '"$HOME/.var/app/$FLATPAK_APP/config/Element/config.json"',
    },
    {
      os: "macos",
      path: '"$HOME/Library/Application Support/Element/config.json"',
    },
    { os: "windows", path: "Join-Path $env:APPDATA 'Element'" },
  ] as const)("writes config.json on $os at $path", ({ os, path }) => {
    expect(scripts[os]).toContain(path);
  });

  it.each([
    { os: "linux", url: '"$repo/dists/$SUITE/InRelease"' },
    { os: "macos", url: '"$DOWNLOAD_BASE/desktop/install/macos/Element.dmg"' },
    {
      os: "windows",
      url: '"$DownloadBase/desktop/install/win32/x64/Element%20Setup.exe"',
    },
  ] as const)("downloads from Element's server on $os", ({ os, url }) => {
    expect(scripts[os]).toContain(url);
  });

  it("verifies before installing on every system", () => {
    expect(
      scripts.linux.indexOf('verify_sha256 "$WORK_DIR/element-desktop.deb"'),
    ).toBeLessThan(scripts.linux.indexOf('install_package_files "$version"'));
    expect(
      scripts.macos.indexOf('verify_app "$MOUNT_POINT/$APP_NAME"'),
    ).toBeLessThan(scripts.macos.indexOf('ditto "$MOUNT_POINT/$APP_NAME"'));
    expect(
      scripts.windows.indexOf("Assert-InstallerSignature $installer"),
    ).toBeLessThan(
      scripts.windows.indexOf("Start-Process -FilePath $installer"),
    );
  });

  it("renders the same bytes twice", () => {
    expect(renderSetupScripts(stack)).toEqual(scripts);
  });
});
