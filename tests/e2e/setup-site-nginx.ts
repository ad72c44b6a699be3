/**
 * Runs Debian's nginx on 127.0.0.1 with the nginx.conf that the generator
 * deploys, serving a built copy of the setup site.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setupSiteNginxConf } from "../../packages/stack-config/src/generators/setup-site-nginx.js";
import { freePort } from "./setup-site-support.js";

/** An nginx started by a test; `stop` ends it. */
export interface RunningNginx {
  /** Base URL without a trailing slash, such as `http://127.0.0.1:18080`. */
  origin: string;
  stop: () => Promise<void>;
}

async function waitUntilReady(
  origin: string,
  nginx: ChildProcess,
): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (nginx.exitCode !== null) {
      throw new Error(`nginx exited with code ${nginx.exitCode}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not answer on ${origin}/healthz within 10 s`);
}

/**
 * Serves `siteDir` under `path` with nginx from `/usr/sbin/nginx`. The
 * folders are made world-readable because nginx's workers drop root.
 */
export async function startNginx(
  workDir: string,
  siteDir: string,
  path: string,
): Promise<RunningNginx> {
  const root = join(workDir, "html");
  const tempDir = join(workDir, "nginx-temp");
  cpSync(siteDir, join(root, path), { recursive: true });
  mkdirSync(tempDir, { recursive: true });
  for (const dir of [workDir, root, join(root, path)]) {
    chmodSync(dir, 0o755);
  }

  const port = await freePort();
  const conf = join(workDir, "nginx.conf");
  writeFileSync(
    conf,
    setupSiteNginxConf({ listen: `127.0.0.1:${port}`, root, path, tempDir }),
  );

  const nginx = spawn(
    "/usr/sbin/nginx",
    ["-e", "stderr", "-p", workDir, "-c", conf, "-g", "daemon off;"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilReady(origin, nginx);

  return {
    origin,
    stop: () =>
      new Promise((resolve) => {
        nginx.once("exit", () => resolve());
        nginx.kill("SIGQUIT");
      }),
  };
}
