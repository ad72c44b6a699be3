import { resolveStack } from "@axion-stack/stack-config";
import { THEMES } from "@axion-stack/themes";
import { describe, expect, it } from "vitest";
import { siteModel } from "./model.js";
import { renderBody, renderHead } from "./page.js";
import { themePreviewCss } from "./theme-css.js";

const stack = resolveStack({ serverName: "example.org", brand: "Example" });
const model = siteModel(stack);
// Whitespace is normalised because the markup's line breaks carry no meaning.
const body = renderBody(model).replace(/\s+/g, " ");

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe("renderBody", () => {
  it.each(["windows", "macos", "linux"])("has a section for %s", (os) => {
    expect(body).toContain(`<section id="${os}" class="os"`);
    expect(body).toContain(`<code id="${os}-command">`);
  });

  it.each([
    { os: "windows", file: "setup-windows.ps1" },
    { os: "macos", file: "setup-macos.sh" },
    { os: "linux", file: "setup-linux.sh" },
  ])("links the $os script for download", ({ file }) => {
    expect(body).toContain(`<a class="download" href="${file}" download`);
  });

  it("puts the site URL into each command", () => {
    expect(body).toContain(
      "curl -fsSLO https://example.org/docs/setup/setup-linux.sh &amp;&amp; sh setup-linux.sh",
    );
  });

  it("runs the Windows script without the IE parser and policy prompts", () => {
    expect(body).toContain(
      "Invoke-WebRequest -UseBasicParsing https://example.org/docs/setup/setup-windows.ps1 -OutFile setup-windows.ps1; " +
        "powershell -NoProfile -ExecutionPolicy Bypass -File .\\setup-windows.ps1",
    );
  });

  it("has one h1, landmarks and a skip link", () => {
    expect(count(body, /<h1[ >]/g)).toBe(1);
    expect(body).toContain("<header>");
    expect(body).toContain('<main id="main">');
    expect(body).toContain("<footer>");
    expect(body).toContain('<a class="skip-link" href="#main">');
  });

  it("shows a preview of each theme", () => {
    for (const theme of THEMES) {
      expect(body).toContain(`id="theme-${theme.slug}"`);
    }
    expect(count(body, /class="badge"/g)).toBe(1);
  });

  it("marks the default theme", () => {
    expect(body).toMatch(
      /<strong>aXion1337 Dark<\/strong ?> <span class="badge">Default<\/span>/,
    );
  });

  it("escapes values from the config", () => {
    const hostile = siteModel(
      resolveStack({ serverName: "example.org", brand: "<b>Bad</b>" }),
    );
    const text = renderBody(hostile);
    expect(text).not.toContain("<b>Bad</b>");
    expect(text).toContain("&lt;b&gt;Bad&lt;/b&gt;");
  });
});

describe("renderHead", () => {
  it("names the brand in the title", () => {
    expect(renderHead(model).title).toBe("Set up Element Desktop · Example");
  });
});

describe("themePreviewCss", () => {
  it("sets each theme's colours on its preview", () => {
    const css = themePreviewCss(THEMES);
    expect(css).toContain(".theme-gruvbox {");
    expect(css).toContain("--mock-timeline: #282828;");
    expect(css).toContain("--mock-name-7:");
  });
});
