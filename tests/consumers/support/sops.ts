/**
 * SOPS decryption of built objects, as kustomize-controller does it before
 * it applies a Kustomization with `spec.decryption.provider: sops`.
 */
import { join } from "node:path";
import { parse } from "yaml";
import type { KustomizeBuild } from "./kustomize.js";
import { runCommand } from "./processes.js";
import { TOOLS } from "./tools.js";
import type { TreeObject } from "./tree.js";

type KubeObject = { [key: string]: unknown };

function objectName(object: KubeObject): string {
  const name = (object.metadata as { name?: string } | undefined)?.name;
  return `${String(object.kind)} ${name}`;
}

/** JSON with sorted keys, so that key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as KubeObject)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, child]) => `${JSON.stringify(key)}:${canonical(child)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Decrypts every SOPS-encrypted object of a build with the real sops and
 * the age key in `keyFile`. Returns the objects as the API server would
 * receive them, and a problem for each object that could not be decrypted
 * or sits in a Kustomization that does not decrypt.
 *
 * kustomize-controller decrypts the objects in memory, in their source
 * key order, while `kustomize build` prints keys sorted, which breaks the
 * SOPS MAC. So each encrypted object is decrypted from the source file it
 * came from, and an object that kustomize changed is a problem: its MAC
 * no longer matches in the cluster either.
 */
export async function decryptBuild(
  build: KustomizeBuild,
  sources: TreeObject[],
  fluxRoot: string,
  keyFile: string,
): Promise<{ objects: KubeObject[]; problems: string[] }> {
  const decryption = build.kustomization.spec.decryption as
    { provider?: string } | undefined;
  const where = `Flux Kustomization '${build.kustomization.name}'`;
  const problems: string[] = [];
  const objects: KubeObject[] = [];
  const sourceFiles = new Map(
    sources.map(({ file, object }) => [canonical(object), file]),
  );

  for (const object of build.objects) {
    if (object.sops === undefined) {
      objects.push(object);
      continue;
    }
    if (decryption?.provider !== "sops") {
      problems.push(
        `${objectName(object)} is SOPS-encrypted, but ${where} has no ` +
          "spec.decryption.provider: sops, so it would be applied encrypted",
      );
    }
    const file = sourceFiles.get(canonical(object));
    if (file === undefined) {
      problems.push(
        `${objectName(object)} of ${where} differs from every source file: ` +
          "kustomize changed an encrypted object, so its SOPS MAC fails",
      );
      continue;
    }

    const result = await runCommand(
      TOOLS.sops.path,
      ["decrypt", join(fluxRoot, file)],
      {
        timeoutMs: 60_000,
        env: { ...process.env, SOPS_AGE_KEY_FILE: keyFile, SOPS_AGE_KEY: "" },
      },
    );
    if (result.code !== 0) {
      problems.push(
        `sops could not decrypt ${objectName(object)} (${file}) of ` +
          `${where}: ${result.stderr.trim()}`,
      );
      continue;
    }
    objects.push(parse(result.stdout) as KubeObject);
  }
  return { objects, problems };
}
