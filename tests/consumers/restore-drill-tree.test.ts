/**
 * The tree of `generate --restore-drill` under kustomize and kubeconform:
 * the drill's Flux Kustomization points at a folder that builds, and every
 * object in it is valid against the Kubernetes and Flux schemas.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GENERATORS,
  generateRestoreDrill,
  renderConfig,
  type StackConfig,
  writeTree,
} from "@axion-stack/stack-config";
import { readUpstreamDocuments } from "@axion-stack/test-upstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  crdToJsonSchemas,
  type CustomResourceDefinition,
} from "./support/crd-schemas.js";
import { KubernetesSchemas, writeSchemas } from "./support/json-schemas.js";
import {
  buildKustomization,
  type KustomizeBuild,
  kubeconform,
  objectTypes,
} from "./support/kustomize.js";
import { skipWithoutTools, TOOLS } from "./support/tools.js";
import { fluxKustomizations, type GeneratedTree } from "./support/tree.js";

const HELM_RELEASE_CRD =
  "fluxcd/flux2-v2.9.4/helm-controller-v1.6.3/helm.toolkit.fluxcd.io_helmreleases.yaml";

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

const skip = skipWithoutTools([
  TOOLS.kustomize,
  TOOLS.kubeconform,
  TOOLS.kubernetesSchemas,
]);

describe.skipIf(skip)("restore drill tree under kustomize", () => {
  let work: string;
  let tree: GeneratedTree;
  let build: KustomizeBuild;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "axion-drill-tree-"));
    const render = renderConfig(CONFIG, {
      configFileName: "config.ts",
      version: "0.0.0-consumer-test",
      generators: { ...GENERATORS, restoreDrill: generateRestoreDrill },
    });
    const repoRoot = join(work, "repo");
    const fluxRoot = join(repoRoot, render.stack.flux.path);
    await writeTree(fluxRoot, render.files);
    tree = { repoRoot, fluxRoot, stack: render.stack };

    const drill = fluxKustomizations(tree).find(
      (kustomization) => kustomization.name === "restore-drill",
    );
    if (drill === undefined) {
      throw new Error("no Flux Kustomization restore-drill in the tree");
    }
    build = await buildKustomization(tree, drill);
  }, 120_000);

  afterAll(() => {
    if (work) {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("builds the drill's objects", () => {
    const kinds = build.objects.map((object) => String(object.kind)).sort();

    expect(kinds).toEqual([
      "ConfigMap",
      "HelmRelease",
      "Job",
      "NetworkPolicy",
      "NetworkPolicy",
      "NetworkPolicy",
      "NetworkPolicy",
    ]);
  });

  it("passes kubeconform -strict", async () => {
    const kubernetes = new KubernetesSchemas(TOOLS.kubernetesSchemas.path);
    const crdSchemas = readUpstreamDocuments(HELM_RELEASE_CRD).flatMap((crd) =>
      crdToJsonSchemas(crd as CustomResourceDefinition, kubernetes),
    );
    const dir = join(work, "validate");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "objects.yaml");
    writeFileSync(file, build.objects.map((o) => stringify(o)).join("---\n"));
    const schemaDir = join(dir, "schemas");

    const noSchema = writeSchemas(
      schemaDir,
      objectTypes(build.objects),
      kubernetes,
      crdSchemas,
    );

    expect(noSchema).toEqual([]);
    expect(await kubeconform(file, schemaDir)).toEqual([]);
  });
});
