/**
 * The generated Flux tree as the consumer tests see it: written into a
 * temporary Git-repository-like folder by the same pipeline and writer as
 * `axion-stack generate`, then read back file by file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  renderConfig,
  type ResolvedStack,
  type StackConfig,
  writeTree,
} from "@axion-stack/stack-config";
import { parseAllDocuments } from "yaml";
import stackConfig from "../../../stack.config.js";

/** The default input: the aXion1337.chat deployment. */
export const STACK_CONFIG = stackConfig as StackConfig;

/** A tree written to disk, with the resolved stack it came from. */
export interface GeneratedTree {
  /** Root of the repository that Flux's GitRepository would check out. */
  repoRoot: string;
  /** Root of the generated tree inside it, at `flux.path`. */
  fluxRoot: string;
  stack: ResolvedStack;
}

/** Renders `config` and writes the tree under `repoRoot` at `flux.path`. */
export async function generateTree(
  config: StackConfig,
  repoRoot: string,
): Promise<GeneratedTree> {
  const render = renderConfig(config, {
    configFileName: "stack.config.ts",
    version: "0.0.0-consumer-test",
  });
  const fluxRoot = join(repoRoot, render.stack.flux.path);
  await writeTree(fluxRoot, render.files);
  return { repoRoot, fluxRoot, stack: render.stack };
}

/** One Kubernetes object read from a file of the tree. */
export interface TreeObject {
  /** Path relative to the tree's root. */
  file: string;
  object: { [key: string]: unknown };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Parses every YAML document under `dir` that has a `kind`. */
export function readObjects(dir: string): TreeObject[] {
  const objects: TreeObject[] = [];
  for (const path of listFiles(dir)) {
    if (!/\.ya?ml$/.test(path)) {
      continue;
    }
    for (const document of parseAllDocuments(readFileSync(path, "utf8"))) {
      const object = document.toJS() as TreeObject["object"] | null;
      if (object !== null && typeof object.kind === "string") {
        objects.push({ file: relative(dir, path), object });
      }
    }
  }
  return objects;
}

/** A Flux Kustomization as kustomize-controller reads it. */
export interface FluxKustomization {
  name: string;
  /** `spec.path`, relative to the repository root. */
  path: string;
  file: string;
  spec: { [key: string]: unknown };
}

/** Lists the Flux Kustomizations under `clusters/` of the tree. */
export function fluxKustomizations(tree: GeneratedTree): FluxKustomization[] {
  const clusters = join(tree.fluxRoot, "clusters");
  return readObjects(clusters)
    .filter(
      ({ object }) =>
        object.kind === "Kustomization" &&
        String(object.apiVersion).startsWith("kustomize.toolkit.fluxcd.io/"),
    )
    .map(({ file, object }) => {
      const metadata = object.metadata as { name: string };
      const spec = object.spec as { path?: string };
      return {
        name: metadata.name,
        path: spec.path ?? "./",
        file: join("clusters", file),
        spec,
      };
    });
}
