import { describe, expect, it } from "vitest";
import { componentGraph, type PodSecurityLevel } from "../config/graph.js";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { buildSkeleton } from "../flux/skeleton.js";
import { GENERATORS } from "./index.js";
import type { JsonObject, Manifest } from "./types.js";

const CONFIG: StackConfig = {
  serverName: "example.org",
  cluster: { publicIP: "203.0.113.10" },
  monitoring: {
    prometheusUrl: "http://10.0.0.3:9090",
    lokiUrl: "http://10.0.0.3:3100",
  },
  backups: {
    objectStore: {
      endpointURL: "https://s3.example.net",
      bucket: "backups",
      region: "eu-west-1",
    },
  },
};

function render(config: StackConfig = CONFIG): Manifest[] {
  const stack = resolveStack(config);
  const generated = Object.values(GENERATORS).flatMap((g) => g(stack));
  return buildSkeleton(stack, generated);
}

function documents(manifests: Manifest[]): JsonObject[] {
  return manifests.flatMap((m) => ("document" in m ? [m.document] : []));
}

function enforcedLevels(manifests: Manifest[]): Map<string, string> {
  const levels = new Map<string, string>();
  for (const document of documents(manifests)) {
    if (document.kind !== "Namespace") {
      continue;
    }
    const metadata = document.metadata as {
      name: string;
      labels: Record<string, string>;
    };
    levels.set(
      metadata.name,
      metadata.labels["pod-security.kubernetes.io/enforce"] as string,
    );
  }
  return levels;
}

const ORDER: PodSecurityLevel[] = ["restricted", "baseline", "privileged"];

/** Returns the pod template of a workload object, if it has one. */
function podTemplate(document: JsonObject): JsonObject | undefined {
  const spec = document.spec as JsonObject | undefined;
  if (document.kind === "CronJob") {
    const job = (spec?.jobTemplate as JsonObject).spec as JsonObject;
    return job.template as JsonObject;
  }
  const kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job"];
  return kinds.includes(document.kind as string)
    ? (spec?.template as JsonObject)
    : undefined;
}

describe("Pod Security", () => {
  it("labels each namespace for its neediest workload", () => {
    const stack = resolveStack(CONFIG);
    const levels = enforcedLevels(render());

    for (const [namespace, level] of levels) {
      const needs = componentGraph(stack)
        .workloads.filter((w) => w.namespace === namespace)
        .map((w) => ORDER.indexOf(w.podSecurity));
      const expected = ORDER[Math.max(0, ...needs)];
      expect(level, namespace).toBe(expected);
    }
  });

  it("limits privileged to the host-access namespaces", () => {
    const levels = enforcedLevels(render());
    const privileged = [...levels]
      .filter(([, level]) => level === "privileged")
      .map(([namespace]) => namespace)
      .sort();

    expect(privileged).toEqual(["coturn", "monitoring-host"]);
  });

  it("relaxes a namespace for a configured level", () => {
    const levels = enforcedLevels(
      render({
        ...CONFIG,
        podSecurity: {
          levels: [{ workload: "element-web", level: "baseline" }],
        },
      }),
    );

    expect(levels.get("matrix")).toBe("baseline");
    expect(levels.get("authentik")).toBe("restricted");
  });

  it("mounts no token where the API is not needed", () => {
    const stack = resolveStack(CONFIG);
    const graph = componentGraph(stack);
    const templates = documents(render()).flatMap((d) => {
      const template = podTemplate(d);
      return template ? [{ document: d, template }] : [];
    });

    const names = templates.map(
      (t) => (t.document.metadata as JsonObject).name,
    );
    expect(names).toContain("coturn");
    expect(names).toContain("media-backup");
    for (const { document, template } of templates) {
      const labels = (template.metadata as JsonObject).labels as Record<
        string,
        string
      >;
      const workload = graph.workloads.find((w) =>
        Object.entries(w.selector).every(([k, v]) => labels[k] === v),
      );
      const name = (document.metadata as JsonObject).name as string;
      expect(workload, name).toBeDefined();
      const mounts = (template.spec as JsonObject).automountServiceAccountToken;
      expect(mounts, name).toBe(workload?.kubernetesApi ?? true);
    }
  });
});
