/**
 * Pod Security levels that the config sets per workload. Each becomes a
 * copy of the workload's Namespace at that level, and the skeleton keeps
 * the least restrictive level among the copies, so a setting can relax a
 * namespace but never tighten it below what another workload needs. The
 * `pod-security-levels` rule rejects a level below the workload's own.
 */
import { componentGraph } from "../config/graph.js";
import { namespaceManifest } from "../flux/namespaces.js";
import type { Generator } from "./types.js";

/** Renders a Namespace for each workload whose level the config sets. */
export const generatePodSecurity: Generator = (stack) => {
  const workloads = componentGraph(stack).workloads;
  return Object.entries(stack.podSecurityLevels).flatMap(([name, level]) => {
    const workload = workloads.find((w) => w.name === name);
    return workload ? [namespaceManifest(workload.namespace, level)] : [];
  });
};
