/**
 * The built widget as Element Web's image serves it. A real nginx on
 * 127.0.0.1 includes the generator's snippet at `http` level, as the
 * image's nginx includes `conf.d/*.conf`. It serves the Element Call
 * package's files under `/widgets/element-call/`, with the generator's
 * config.json and script laid over them. Chromium then loads the widget.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CAPS_KEY, WELL_KNOWN_URL_KEY } from "@axion-stack/call-caps";
import { resolveStack } from "@axion-stack/stack-config";
import {
  CONFIG_FILE,
  generateElementCall,
  NGINX_FILE,
  SCRIPT_FILE,
} from "../../packages/stack-config/src/generators/element-call.js";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CALL_DIST,
  CHROMIUM,
  launchChromium,
  REPO_ROOT,
  wellKnownWith,
  type Browser,
} from "../bench/call-harness.js";

const NGINX = "/usr/sbin/nginx";
const PACKAGE_DIST = join(
  REPO_ROOT,
  "apps/element-call/node_modules/@element-hq/element-call-embedded/dist",
);
const BUILD_FILES = [
  "axion-call-caps.js",
  "config.upstream.json",
  "build.json",
];
const ready =
  existsSync(NGINX) &&
  existsSync(CHROMIUM) &&
  existsSync(PACKAGE_DIST) &&
  BUILD_FILES.every((file) => existsSync(join(CALL_DIST, file)));

/** Files of the overlay ConfigMap, rendered from a balanced-profile stack. */
function overlayFiles(): Record<string, string> {
  const stack = resolveStack({
    serverName: "example.org",
    ess: { chartVersion: "26.8.1" },
    elementCall: { profile: "balanced" },
  });
  const build = Object.fromEntries(
    BUILD_FILES.map((file) => [
      file,
      readFileSync(join(CALL_DIST, file), "utf8"),
    ]),
  );
  const manifests = generateElementCall(stack, { elementCall: build });
  const files = manifests.find((m) =>
    m.path.endsWith("element-call-files.yaml"),
  );
  if (!files || !("document" in files)) throw new Error("no files ConfigMap");
  return files.document.data as Record<string, string>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function nginxConfig(root: string, port: number): string {
  return `worker_processes 1;
pid ${root}/nginx.pid;
error_log ${root}/error.log;
daemon off;
events {}
http {
  include /etc/nginx/mime.types;
  access_log ${root}/access.log;
  client_body_temp_path ${root}/tmp;
  proxy_temp_path ${root}/tmp;
  fastcgi_temp_path ${root}/tmp;
  uwsgi_temp_path ${root}/tmp;
  scgi_temp_path ${root}/tmp;
  include ${root}/conf.d/*.conf;
  server {
    listen 127.0.0.1:${port};
    root ${root}/app;
    index index.html;
    location = /.well-known/matrix/client {
      default_type application/json;
      add_header Access-Control-Allow-Origin *;
      alias ${root}/well-known-client.json;
    }
  }
}
`;
}

/** Lays out Element Web's web root with the overlay files mounted in it. */
function layOut(root: string, files: Record<string, string>, origin: string) {
  const widget = join(root, "app/widgets/element-call");
  for (const dir of [widget, join(root, "conf.d"), join(root, "tmp")]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(join(root, "app/index.html"), "<html><head></head></html>\n");
  copyFileSync(join(PACKAGE_DIST, "index.html"), join(widget, "index.html"));
  symlinkSync(join(PACKAGE_DIST, "assets"), join(widget, "assets"));

  // The generator points at https://<serverName>; here the well-known is local.
  const config = JSON.parse(files[CONFIG_FILE]!) as Record<string, unknown>;
  config[WELL_KNOWN_URL_KEY] = `${origin}/.well-known/matrix/client`;
  writeFileSync(join(widget, CONFIG_FILE), JSON.stringify(config));
  writeFileSync(join(widget, SCRIPT_FILE), files[SCRIPT_FILE]!);
  writeFileSync(join(root, "conf.d", NGINX_FILE), files[NGINX_FILE]!);
}

async function startNginx(root: string, origin: string): Promise<ChildProcess> {
  const nginx = spawn(NGINX, ["-p", root, "-c", join(root, "nginx.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      if ((await fetch(`${origin}/index.html`)).ok) return nginx;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  nginx.kill();
  throw new Error(
    `nginx did not start: ${readFileSync(join(root, "error.log"), "utf8")}`,
  );
}

interface WidgetPage {
  page: Page;
  warnings: string[];
  scripts: string[];
  caps: Record<string, Record<string, unknown>>;
}

async function openWidget(
  browser: Browser,
  origin: string,
): Promise<WidgetPage> {
  const page = await browser.context.newPage();
  const warnings: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  await page.goto(
    `${origin}/widgets/element-call/index.html#?widgetId=caps-test&roomId=!a:example.org`,
  );
  const caps = await page.evaluate(async () => {
    const view = (
      window as unknown as {
        axionCallCaps: { settled: Promise<void>; current(): unknown };
      }
    ).axionCallCaps;
    await view.settled;
    return view.current();
  });
  const scripts = await page.evaluate(() =>
    Array.from(document.scripts, (script) => script.src || "inline"),
  );
  return { page, warnings, scripts, caps: caps as WidgetPage["caps"] };
}

describe.skipIf(!ready)("Element Call widget behind nginx", () => {
  let root: string;
  let origin: string;
  let nginx: ChildProcess;
  let browser: Browser;
  const files = ready ? overlayFiles() : {};
  const setWellKnown = (text: string) =>
    writeFileSync(join(root, "well-known-client.json"), text);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "axion-call-nginx-"));
    chmodSync(root, 0o755);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    layOut(root, files, origin);
    writeFileSync(join(root, "nginx.conf"), nginxConfig(root, port));
    setWellKnown("{}");
    nginx = await startNginx(root, origin);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    nginx?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  // Without an Element Web host around it, Element Call renders its own
  // error page, which still shows that its code and assets loaded.
  it("runs our script first and then the app", async () => {
    const widget = await openWidget(browser, origin);

    expect(widget.scripts[0]).toBe(
      `${origin}/widgets/element-call/${SCRIPT_FILE}`,
    );
    expect(
      widget.scripts.some((src) => /\/assets\/index-.*\.js$/.test(src)),
    ).toBe(true);
    await widget.page.waitForFunction(
      () => document.getElementById("root")!.childElementCount > 0,
      undefined,
      { timeout: 30_000 },
    );
    mkdirSync(join(REPO_ROOT, "tests/artifacts"), { recursive: true });
    await widget.page.screenshot({
      path: join(REPO_ROOT, "tests/artifacts/element-call-widget.png"),
    });
  });

  it("leaves Element Web's own index.html alone", async () => {
    const text = await (await fetch(`${origin}/index.html`)).text();

    expect(text).toBe("<html><head></head></html>\n");
  });

  it("applies the stricter well-known value per field", async () => {
    setWellKnown(
      wellKnownWith({
        camera: { max_bitrate: 200_000, max_height: -5 },
        audio: { max_bitrate: 500_000 },
      }),
    );
    const widget = await openWidget(browser, origin);

    expect(widget.caps.camera!.maxBitrate).toBe(200_000);
    expect(widget.caps.camera!.maxHeight).toBe(540);
    expect(widget.caps.audio!.maxBitrate).toBe(32_000);
    expect(widget.warnings.join("\n")).toContain(
      `${CAPS_KEY}.camera.max_height`,
    );
  });

  it.each([
    { name: "invalid JSON", text: "{not json" },
    { name: "a string document", text: wellKnownWith("lower everything") },
    {
      name: "a polluting document",
      text: `{"${CAPS_KEY}": {"__proto__": {"camera": {}}}}`,
    },
  ])("keeps the config.json caps with $name", async ({ text }) => {
    setWellKnown(text);
    const widget = await openWidget(browser, origin);

    expect(widget.caps.camera!.maxBitrate).toBe(800_000);
    expect(widget.caps.screenShare!.maxFramerate).toBe(15);
    expect(widget.warnings.length).toBeGreaterThan(0);
  });
});
