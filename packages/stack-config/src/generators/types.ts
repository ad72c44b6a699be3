import type { ResolvedStack } from "../config/resolve.js";

/** A JSON-compatible value, as Kubernetes objects and Helm values are. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, such as one Kubernetes object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * One file of the Flux tree, with its path relative to the tree's root.
 * `document` is serialised as one YAML document; `text` is written as is
 * (Markdown and other non-YAML files).
 */
export type Manifest =
  { path: string; document: JsonObject } | { path: string; text: string };

/**
 * Files of one app's build output, by path relative to its `dist/` folder,
 * with their text content.
 */
export type BuildOutput = Record<string, string>;

/**
 * Build outputs that the tree carries. The CLI reads them from disk after
 * turbo has built the apps and passes them in, so generators stay pure.
 * Without this argument, a generator whose manifests carry build output
 * returns none, so tests can render a tree without building the apps; with
 * it, a missing output is an error.
 */
export interface BuildArtifacts {
  /** `apps/setup-site/dist`. */
  setupSite?: BuildOutput;
  /** `apps/element-call/dist`. */
  elementCall?: BuildOutput;
}

/**
 * Renders one component. A generator is a pure function: no I/O, no clock,
 * no randomness, so the same stack and artifacts always give the same
 * manifests.
 */
export type Generator = (
  stack: ResolvedStack,
  artifacts?: BuildArtifacts,
) => Manifest[];
