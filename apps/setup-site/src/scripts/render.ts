/**
 * Renders the setup scripts from the templates in `templates/`. Each
 * `@@NAME@@` placeholder is replaced by a value quoted for the script's
 * language, except `@@ELEMENT_CONFIG_JSON@@` and `@@COMMON@@`, which are
 * inserted as they are.
 */
import { readFileSync } from "node:fs";
import type { ResolvedStack } from "@axion-stack/stack-config";
import { elementDesktopConfig } from "./element-config.js";

/** File names of the scripts, as the site serves them. */
export const SCRIPT_FILES = {
  windows: "setup-windows.ps1",
  macos: "setup-macos.sh",
  linux: "setup-linux.sh",
} as const;

/** An operating system that has a setup script. */
export type OperatingSystem = keyof typeof SCRIPT_FILES;

const PLACEHOLDER = /@@([A-Z_]+)@@/g;

function readTemplate(name: string): string {
  return readFileSync(new URL(`./templates/${name}`, import.meta.url), "utf8");
}

/** Quotes a value for POSIX sh: single quotes, each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Quotes a value for PowerShell: single quotes, each quote doubled.
 * PowerShell also treats the typographic single quotes as quotes.
 */
export function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`setup script template has unknown placeholder ${match}`);
    }
    return value;
  });
}

function configJson(stack: ResolvedStack): string {
  const json = JSON.stringify(elementDesktopConfig(stack), null, 2);
  // Both here-documents end at a line that starts with their delimiter.
  if (/^(ELEMENT_CONFIG_JSON|'@)/m.test(json)) {
    throw new Error("Element config JSON contains a here-document delimiter");
  }
  return json;
}

function quotedValues(
  stack: ResolvedStack,
  quote: (value: string) => string,
): Record<string, string> {
  const desktop = stack.setupSite.elementDesktop;
  return {
    BRAND: quote(stack.brand),
    HOMESERVER_URL: quote(stack.urls.synapse),
    DEFAULT_THEME: quote(stack.setupSite.defaultTheme),
    DOWNLOAD_BASE: quote(desktop.downloadBaseUrl),
    FLATPAK_APP: quote(desktop.flatpakAppId),
    ELEMENT_VERSION: quote(desktop.version ?? ""),
    WINDOWS_SIGNER: quote(desktop.windowsSigner),
    ELEMENT_CONFIG_JSON: configJson(stack),
  };
}

function renderShell(stack: ResolvedStack, template: string): string {
  const values = quotedValues(stack, shellQuote);
  const common = fill(readTemplate("common.sh"), values);
  return fill(readTemplate(template), { ...values, COMMON: common.trimEnd() });
}

/** Renders the three setup scripts for the stack, by operating system. */
export function renderSetupScripts(
  stack: ResolvedStack,
): Record<OperatingSystem, string> {
  return {
    windows: fill(
      readTemplate(SCRIPT_FILES.windows),
      quotedValues(stack, powerShellQuote),
    ),
    macos: renderShell(stack, SCRIPT_FILES.macos),
    linux: renderShell(stack, SCRIPT_FILES.linux),
  };
}
