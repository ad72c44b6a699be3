/**
 * The Flux tree's skeleton around the generators' manifests:
 *
 * - `clusters/<cluster>/infrastructure.yaml` and `apps.yaml`, the Flux
 *   Kustomizations of the two layers; apps wait for infrastructure. When
 *   the stack declares Secrets, `secrets.yaml` applies the encrypted files
 *   that `axion-stack secrets` writes, and apps wait for it too.
 * - `infrastructure/sources/` and `infrastructure/namespaces/`: generators
 *   return their chart sources (see `sources.ts`) and namespaces (see
 *   `namespaces.ts`) there, and the skeleton keeps one copy of each.
 * - a `kustomization.yaml` in every folder under `infrastructure/` and
 *   `apps/`. `clusters/<cluster>/` gets none because `flux bootstrap` owns
 *   it and its `flux-system/` folder, and the tree's root and `clusters/`
 *   get none because no Flux Kustomization points at them.
 */
import { posix } from "node:path";
import type { ResolvedStack } from "../config/resolve.js";
import type { Manifest } from "../generators/types.js";
import {
  KUSTOMIZATION_FILE,
  kustomizationManifests,
  kustomizeKustomization,
} from "./kustomize.js";
import {
  leastRestrictive,
  namespaceManifest,
  NAMESPACES_DIR,
  podSecurityLevel,
} from "./namespaces.js";
import { fluxKustomization } from "./resources.js";
import { SOURCES_DIR } from "./sources.js";
import { SECRETS_DIR } from "../secrets/layout.js";

/** Layer folders, in the order Flux applies them. */
export const INFRASTRUCTURE_DIR = "infrastructure";
export const APPS_DIR = "apps";

/** Name of the Secret with the age key, as Flux's SOPS guide names it. */
export const SOPS_SECRET_NAME = "sops-age";

/** Options of the skeleton. */
export interface SkeletonOptions {
  /** Let the layers' Kustomizations decrypt SOPS-encrypted Secrets. */
  sopsDecryption?: boolean;
}

/** Returns the folder of one cluster's Flux Kustomizations. */
export function clusterDir(stack: ResolvedStack): string {
  return `clusters/${stack.cluster.name}`;
}

/** Returns the path a Flux Kustomization uses for a folder of the tree. */
export function fluxPath(stack: ResolvedStack, folder: string): string {
  const joined = posix.join(stack.flux.path, folder);
  return joined.startsWith("/") || joined.startsWith(".")
    ? joined
    : `./${joined}`;
}

function isDeclared(path: string): boolean {
  return (
    path.startsWith(`${SOURCES_DIR}/`) || path.startsWith(`${NAMESPACES_DIR}/`)
  );
}

function mergeNamespaces(first: Manifest, second: Manifest): Manifest | null {
  if (!("document" in first) || !("document" in second)) {
    return null;
  }
  const a = podSecurityLevel(first.document);
  const b = podSecurityLevel(second.document);
  const name = posix.basename(first.path, ".yaml");
  return a && b ? namespaceManifest(name, leastRestrictive(a, b)) : null;
}

/**
 * Keeps one copy of each source and namespace that several generators
 * return. Two different sources at one path are both kept, so the output
 * check reports the duplicate path.
 */
export function mergeDeclarations(manifests: Manifest[]): Manifest[] {
  const result: Manifest[] = [];
  const indexByPath = new Map<string, number>();

  for (const manifest of manifests) {
    const index = indexByPath.get(manifest.path);
    if (!isDeclared(manifest.path) || index === undefined) {
      indexByPath.set(manifest.path, result.length);
      result.push(manifest);
      continue;
    }

    const first = result[index] as Manifest;
    if (JSON.stringify(first) === JSON.stringify(manifest)) {
      continue;
    }
    const merged = manifest.path.startsWith(`${NAMESPACES_DIR}/`)
      ? mergeNamespaces(first, manifest)
      : null;
    if (merged) {
      result[index] = merged;
    } else {
      result.push(manifest);
    }
  }
  return result;
}

/**
 * Returns the Flux Kustomizations of the infrastructure and apps layers,
 * and of the SOPS-encrypted Secrets when the stack declares any. The
 * `secrets` Kustomization applies what `axion-stack secrets` wrote under
 * `secrets/`, which `generate` never touches; apps wait for it.
 */
export function clusterManifests(
  stack: ResolvedStack,
  options: SkeletonOptions = {},
): Manifest[] {
  const common = {
    namespace: stack.flux.namespace,
    interval: stack.flux.interval,
    sourceName: stack.flux.gitRepository,
    wait: true,
    ...(options.sopsDecryption ? { decryptionSecret: SOPS_SECRET_NAME } : {}),
  };
  const dir = clusterDir(stack);
  const hasSecrets = Object.keys(stack.secrets).length > 0;

  const manifests: Manifest[] = [
    {
      path: `${dir}/${INFRASTRUCTURE_DIR}.yaml`,
      document: fluxKustomization({
        ...common,
        name: INFRASTRUCTURE_DIR,
        path: fluxPath(stack, INFRASTRUCTURE_DIR),
      }),
    },
    {
      path: `${dir}/${APPS_DIR}.yaml`,
      document: fluxKustomization({
        ...common,
        name: APPS_DIR,
        path: fluxPath(stack, APPS_DIR),
        dependsOn: hasSecrets
          ? [INFRASTRUCTURE_DIR, SECRETS_DIR]
          : [INFRASTRUCTURE_DIR],
      }),
    },
  ];
  if (hasSecrets) {
    manifests.push({
      path: `${dir}/${SECRETS_DIR}.yaml`,
      document: fluxKustomization({
        ...common,
        name: SECRETS_DIR,
        path: fluxPath(stack, SECRETS_DIR),
        dependsOn: [INFRASTRUCTURE_DIR],
        decryptionSecret: SOPS_SECRET_NAME,
      }),
    });
  }
  return manifests;
}

function hasKustomization(folder: string): boolean {
  return (
    folder === INFRASTRUCTURE_DIR ||
    folder === APPS_DIR ||
    folder.startsWith(`${INFRASTRUCTURE_DIR}/`) ||
    folder.startsWith(`${APPS_DIR}/`)
  );
}

/**
 * Completes the generators' manifests into the whole tree: merged sources
 * and namespaces, the cluster's Flux Kustomizations and one
 * `kustomization.yaml` per layer folder. Both layer folders always exist,
 * even when empty, because their Flux Kustomizations point at them.
 */
export function buildSkeleton(
  stack: ResolvedStack,
  generated: Manifest[],
  options: SkeletonOptions = {},
): Manifest[] {
  const merged = mergeDeclarations(generated);
  const withClusters = [...clusterManifests(stack, options), ...merged];
  const folders = kustomizationManifests(withClusters, hasKustomization);
  const paths = new Set(
    [...withClusters, ...folders].map((manifest) => manifest.path),
  );

  for (const layer of [INFRASTRUCTURE_DIR, APPS_DIR]) {
    const path = `${layer}/${KUSTOMIZATION_FILE}`;
    if (!paths.has(path)) {
      folders.push({ path, document: kustomizeKustomization([]) });
    }
  }
  return [...withClusters, ...folders];
}
