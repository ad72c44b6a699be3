/**
 * The setup site's content, derived from the resolved stack: one entry per
 * operating system and the theme previews.
 */
import type { ResolvedStack } from "@axion-stack/stack-config";
import { THEMES, type ThemeDefinition } from "@axion-stack/themes";
import { SCRIPT_FILES, type OperatingSystem } from "../scripts/render.js";

/** One operating system's section of the page. */
export interface OperatingSystemSection {
  id: OperatingSystem;
  title: string;
  /** The script's steps, one per item, in order. */
  steps: string[];
  /** Program to paste the command into, such as PowerShell. */
  shell: string;
  command: string;
  scriptFile: string;
  /** Path of Element's config.json that the script writes. */
  configPath: string;
}

/** Everything the page renders. */
export interface SiteModel {
  brand: string;
  serverName: string;
  homeserverUrl: string;
  siteUrl: string;
  defaultTheme: string;
  sections: OperatingSystemSection[];
  themes: readonly ThemeDefinition[];
}

function windowsSection(siteUrl: string): OperatingSystemSection {
  const file = SCRIPT_FILES.windows;
  return {
    id: "windows",
    title: "Windows",
    steps: [
      "Downloads Element's installer from packages.element.io.",
      "Checks the installer's Authenticode signature and stops if it is not valid.",
      "Installs Element Desktop for your user only; no administrator rights needed.",
      "Writes Element's config.json with this server and the themes below.",
    ],
    shell: "PowerShell",
    command:
      `Invoke-WebRequest -UseBasicParsing ${siteUrl}${file} -OutFile ${file}; ` +
      `powershell -NoProfile -ExecutionPolicy Bypass -File .\\${file}`,
    scriptFile: file,
    configPath: "%APPDATA%\\Element\\config.json",
  };
}

function macosSection(siteUrl: string): OperatingSystemSection {
  const file = SCRIPT_FILES.macos;
  return {
    id: "macos",
    title: "macOS",
    steps: [
      "Downloads Element's disk image from packages.element.io.",
      "Checks the app's code signature and Apple notarization and stops if either fails.",
      "Copies Element into the Applications folder of your home; no administrator password needed.",
      "Writes Element's config.json with this server and the themes below.",
    ],
    shell: "Terminal",
    command: `curl -fsSLO ${siteUrl}${file} && sh ${file}`,
    scriptFile: file,
    configPath: "~/Library/Application Support/Element/config.json",
  };
}

function linuxSection(
  siteUrl: string,
  flatpakAppId: string,
): OperatingSystemSection {
  const file = SCRIPT_FILES.linux;
  return {
    id: "linux",
    title: "Linux",
    steps: [
      `With Flatpak: installs Element (${flatpakAppId}) from Flathub for your user.`,
      "Without Flatpak: downloads Element's Debian package, checks the repository's signature and the package's SHA-256, and unpacks it into your home folder.",
      "Never asks for root.",
      "Writes Element's config.json with this server and the themes below.",
    ],
    shell: "a terminal",
    command: `curl -fsSLO ${siteUrl}${file} && sh ${file}`,
    scriptFile: file,
    configPath:
      "~/.config/Element/config.json, or with Flatpak " +
      `~/.var/app/${flatpakAppId}/config/Element/config.json`,
  };
}

/** Builds the page model for the stack. */
export function siteModel(stack: ResolvedStack): SiteModel {
  const siteUrl = stack.setupSite.url;
  return {
    brand: stack.brand,
    serverName: stack.serverName,
    homeserverUrl: stack.urls.synapse,
    siteUrl,
    defaultTheme: stack.setupSite.defaultTheme,
    sections: [
      windowsSection(siteUrl),
      macosSection(siteUrl),
      linuxSection(siteUrl, stack.setupSite.elementDesktop.flatpakAppId),
    ],
    themes: THEMES,
  };
}
