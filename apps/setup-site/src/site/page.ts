/**
 * The page's HTML, rendered at build time so that every section, command
 * and download link works without JavaScript.
 */
import type { ThemeDefinition } from "@axion-stack/themes";
import { html, join, type SafeHtml } from "./html.js";
import type { OperatingSystemSection, SiteModel } from "./model.js";

function stepList(steps: string[]): SafeHtml {
  return join(steps.map((step) => html`<li>${step}</li>`));
}

function osSection(section: OperatingSystemSection): SafeHtml {
  const { id, title } = section;
  return html`<section
    id="${id}"
    class="os"
    aria-labelledby="${id}-title"
    data-os="${id}"
  >
    <h2 id="${id}-title">${title}</h2>
    <h3>What the script does</h3>
    <ol>
      ${stepList(section.steps)}
    </ol>
    <p>
      It writes <code>${section.configPath}</code>. Run it again at any time: it
      changes nothing that is already in place and says so.
    </p>
    <h3 id="${id}-command-title">Run it</h3>
    <p>Paste this into ${section.shell}:</p>
    <div class="command">
      <pre><code id="${id}-command">${section.command}</code></pre>
    </div>
    <p>
      <a class="download" href="${section.scriptFile}" download
        >Download ${section.scriptFile}</a
      >
      to read it first or run it yourself.
    </p>
  </section>`;
}

function mockRooms(): SafeHtml {
  return html`<div class="mock-roomlist">
    <p class="mock-room is-selected">General</p>
    <p class="mock-room">Announcements</p>
    <p class="mock-meta">2 unread</p>
  </div>`;
}

function mockTimeline(brand: string): SafeHtml {
  return html`<div class="mock-timeline">
    <div class="mock-event">
      <p class="mock-sender name-0">Ada <span class="mock-meta">12:04</span></p>
      <p class="mock-body">Welcome to ${brand}!</p>
    </div>
    <div class="mock-event is-highlighted">
      <p class="mock-sender name-1">Linus</p>
      <p class="mock-body">Thanks, the script worked.</p>
    </div>
    <div class="mock-event">
      <p class="mock-sender name-2">Grace</p>
      <p class="mock-body">The guide is <span class="mock-link">here</span>.</p>
    </div>
  </div>`;
}

function themePreview(
  theme: ThemeDefinition,
  brand: string,
  isDefault: boolean,
): SafeHtml {
  const badge = isDefault ? html` <span class="badge">Default</span>` : html``;
  return html`<li>
    <figure
      class="preview theme-${theme.slug}"
      id="theme-${theme.slug}"
      data-theme="${theme.name}"
    >
      <div class="mock" aria-hidden="true">
        <div class="mock-sidebar"><span></span><span></span><span></span></div>
        ${mockRooms()} ${mockTimeline(brand)}
      </div>
      <figcaption>
        <strong>${theme.name}</strong
        >${badge}<br />${theme.isDark ? "Dark" : "Light"}, ${theme.origin}.
      </figcaption>
    </figure>
  </li>`;
}

function themesSection(model: SiteModel): SafeHtml {
  const previews = model.themes.map((theme) =>
    themePreview(theme, model.brand, theme.name === model.defaultTheme),
  );
  return html`<section id="themes" aria-labelledby="themes-title">
    <h2 id="themes-title">Themes</h2>
    <p>
      The scripts add these themes to Element. Element starts with
      <strong>${model.defaultTheme}</strong>; pick another under Settings,
      Appearance.
    </p>
    <ul class="themes">
      ${join(previews)}
    </ul>
  </section>`;
}

function osNavigation(model: SiteModel): SafeHtml {
  const links = model.sections.map(
    (section) => html`<li><a href="#${section.id}">${section.title}</a></li>`,
  );
  return html`<nav aria-label="Sections">
    <ul>
      ${join(links)}
      <li><a href="#themes">Themes</a></li>
    </ul>
  </nav>`;
}

/** Renders the `<body>` content of the page. */
export function renderBody(model: SiteModel): string {
  return html`<a class="skip-link" href="#main">Skip to the setup steps</a>
    <header>
      <p class="brand">${model.brand}</p>
      ${osNavigation(model)}
    </header>
    <main id="main">
      <h1>Set up Element Desktop for ${model.brand}</h1>
      <p class="lead">
        Element is the app for chatting on ${model.serverName}. One command
        installs Element Desktop and connects it to
        <code>${model.homeserverUrl}</code>, so you only have to sign in.
      </p>
      <p id="detected-os" class="detected" hidden></p>
      <div class="systems">${join(model.sections.map(osSection))}</div>
      ${themesSection(model)}
    </main>
    <footer>
      <p>
        Element Desktop comes from Element's own servers; these scripts only
        install it and write its settings.
      </p>
    </footer>`.text;
}

/** Renders the `<title>` text and the page description. */
export function renderHead(model: SiteModel): {
  title: string;
  description: string;
} {
  return {
    title: `Set up Element Desktop · ${model.brand}`,
    description: `Install Element Desktop on Windows, macOS or Linux and connect it to ${model.brand}.`,
  };
}
