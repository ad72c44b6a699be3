/**
 * Where the consumer tests find the programs that `tools/install` puts on
 * this machine, and what they do when one is missing: fail in CI
 * (`CI=true`), and print the reason and skip elsewhere.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(
  fileURLToPath(new URL(".", import.meta.url)),
  "../../..",
);

/** Folder that `tools/install` fills. `AXION_TOOLS_DIR` moves it. */
export const TOOLS_DIR =
  process.env.AXION_TOOLS_DIR ?? join(REPO_ROOT, ".cache", "tools");

/**
 * Kubernetes minor version whose API schemas the built objects are checked
 * against.
 * NOTE: chosen as a current K3S release line, because the config does not
 * state the cluster's Kubernetes version yet.
 */
export const KUBERNETES_VERSION = "v1.35.0";

/** A program the tests run, with the `tools/install` name that adds it. */
export interface Tool {
  name: string;
  path: string;
  installName: string;
}

function goTool(name: string): Tool {
  return { name, path: join(TOOLS_DIR, "bin", name), installName: name };
}

function aptTool(name: string, path: string, aptPackage: string): Tool {
  return { name, path, installName: aptPackage };
}

export const TOOLS = {
  kustomize: goTool("kustomize"),
  kubeconform: goTool("kubeconform"),
  sops: goTool("sops"),
  synapse: {
    name: "matrix-synapse",
    path: join(TOOLS_DIR, "synapse-venv", "bin", "python"),
    installName: "matrix-synapse",
  },
  kubernetesSchemas: {
    name: `kubernetes-validate (Kubernetes ${KUBERNETES_VERSION} schemas)`,
    path: kubernetesSchemaDir(),
    installName: "kubernetes-validate",
  },
  turnserver: aptTool("turnserver", "/usr/bin/turnserver", "coturn"),
  turnutilsClient: aptTool(
    "turnutils_uclient",
    "/usr/bin/turnutils_uclient",
    "coturn",
  ),
  turnutilsPeer: aptTool("turnutils_peer", "/usr/bin/turnutils_peer", "coturn"),
  promtool: aptTool("promtool", "/usr/bin/promtool", "prometheus"),
  openssl: aptTool("openssl", "/usr/bin/openssl", "openssl"),
  ageKeygen: aptTool("age-keygen", "/usr/bin/age-keygen", "age"),
} satisfies Record<string, Tool>;

/** Finds the strict schema folder inside the kubernetes-validate venv. */
function kubernetesSchemaDir(): string {
  const lib = join(TOOLS_DIR, "kubernetes-validate-venv", "lib");
  const python = existsSync(lib)
    ? readdirSync(lib).find((name) => name.startsWith("python"))
    : undefined;
  return join(
    lib,
    python ?? "python3",
    "site-packages",
    "kubernetes_validate",
    "kubernetes-json-schema",
    `${KUBERNETES_VERSION}-local-strict`,
  );
}

/** Explains how to get the tools in `missing`. */
export function missingToolsMessage(missing: Tool[]): string {
  const lines = missing.map(
    (tool) =>
      `  ${tool.name}: not found at ${tool.path}; ` +
      `run 'tools/install ${tool.installName}'`,
  );
  return `missing tools for this consumer test:\n${lines.join("\n")}`;
}

/**
 * Checks that `tools` exist. In CI a missing tool throws, so the suite
 * fails with the install command. Elsewhere it prints the reason and
 * returns true, and the caller skips its tests.
 */
export function skipWithoutTools(tools: Tool[]): boolean {
  const missing = tools.filter((tool) => !existsSync(tool.path));
  if (missing.length === 0) {
    return false;
  }
  const message = missingToolsMessage(missing);
  if (process.env.CI === "true") {
    throw new Error(message);
  }
  console.warn(`skipped: ${message}`);
  return true;
}
