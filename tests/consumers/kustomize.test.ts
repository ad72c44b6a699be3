import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readUpstreamDocuments } from "@axion-stack/test-upstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  crdToJsonSchemas,
  type CustomResourceDefinition,
  metadataOnlySchema,
} from "./support/crd-schemas.js";
import {
  type GroupVersionKind,
  KubernetesSchemas,
  type SchemaNode,
  writeSchemas,
} from "./support/json-schemas.js";
import {
  buildKustomization,
  type KubeconformProblem,
  kubeconform,
  type KustomizeBuild,
  objectTypes,
  substitutionHazards,
} from "./support/kustomize.js";
import { writeTestSecrets } from "../secrets/harness.js";
import { decryptBuild } from "./support/sops.js";
import { skipWithoutTools, TOOLS } from "./support/tools.js";
import {
  fluxKustomizations,
  generateTree,
  type GeneratedTree,
  readObjects,
  STACK_CONFIG,
} from "./support/tree.js";

const FLUX_CRDS = [
  "fluxcd/flux2-v2.9.4/helm-controller-v1.6.3/helm.toolkit.fluxcd.io_helmreleases.yaml",
  "fluxcd/flux2-v2.9.4/kustomize-controller-v1.9.4/kustomize.toolkit.fluxcd.io_kustomizations.yaml",
  "fluxcd/flux2-v2.9.4/source-controller-release-v1.9.x-c4adb7f9/source.toolkit.fluxcd.io_helmrepositories.yaml",
  "fluxcd/flux2-v2.9.4/source-controller-release-v1.9.x-c4adb7f9/source.toolkit.fluxcd.io_ocirepositories.yaml",
];

/**
 * Custom resources whose CRDs are not available on this machine. kubeconform
 * checks only their top-level fields and metadata here. The generator's own
 * output check validates their spec with @kubernetes-models/traefik and
 * @kubernetes-models/cert-manager.
 */
const WITHOUT_CRD_SCHEMA: GroupVersionKind[] = [
  // Traefik's CRDs ship with its Helm chart, which is not on any registry
  // that this machine reaches.
  { group: "traefik.io", version: "v1alpha1", kind: "IngressRouteTCP" },
  // cert-manager's CRDs are likewise only in its chart and release files.
  { group: "cert-manager.io", version: "v1", kind: "Certificate" },
];

const skip = skipWithoutTools([
  TOOLS.kustomize,
  TOOLS.sops,
  TOOLS.ageKeygen,
  TOOLS.kubeconform,
  TOOLS.kubernetesSchemas,
]);

type KubeObject = { [key: string]: unknown };

describe.skipIf(skip)("generated tree under kustomize and kubeconform", () => {
  let work: string;
  let tree: GeneratedTree;
  let ageKeyFile: string;
  let builds: KustomizeBuild[];
  let kubernetes: KubernetesSchemas;
  let crdSchemas: { gvk: GroupVersionKind; schema: SchemaNode }[];

  /** Writes the objects and their schemas, then runs kubeconform. */
  async function validate(
    name: string,
    objects: KubeObject[],
  ): Promise<{ problems: KubeconformProblem[]; noSchema: GroupVersionKind[] }> {
    const dir = join(work, "validate", name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "objects.yaml");
    writeFileSync(file, objects.map((o) => stringify(o)).join("---\n"));
    const schemaDir = join(dir, "schemas");
    const noSchema = writeSchemas(
      schemaDir,
      objectTypes(objects),
      kubernetes,
      crdSchemas,
    );
    return { problems: await kubeconform(file, schemaDir), noSchema };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "axion-kustomize-"));
    tree = await generateTree(STACK_CONFIG, join(work, "repo"));
    // `axion-stack secrets` writes the SOPS-encrypted Secrets that the
    // secrets Kustomization applies, here for a fresh test age key.
    ageKeyFile = await writeTestSecrets(
      tree.repoRoot,
      tree.fluxRoot,
      tree.stack,
    );
    kubernetes = new KubernetesSchemas(TOOLS.kubernetesSchemas.path);
    crdSchemas = FLUX_CRDS.flatMap((path) =>
      readUpstreamDocuments(path).flatMap((crd) =>
        crdToJsonSchemas(crd as CustomResourceDefinition, kubernetes),
      ),
    );
    for (const gvk of WITHOUT_CRD_SCHEMA) {
      crdSchemas.push(metadataOnlySchema(gvk, kubernetes));
    }
    builds = [];
    for (const kustomization of fluxKustomizations(tree)) {
      builds.push(await buildKustomization(tree, kustomization));
    }
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    // The test age key sits in a folder of its own outside `work`.
    if (ageKeyFile !== undefined) {
      rmSync(dirname(ageKeyFile), { recursive: true, force: true });
    }
  });

  it("finds the cluster's Flux Kustomizations", () => {
    const names = fluxKustomizations(tree).map((k) => k.name);

    expect(names).toContain("infrastructure");
    expect(names).toContain("apps");
  });

  it("builds each Kustomization path to objects", () => {
    for (const build of builds) {
      expect(build.objects.length, build.kustomization.name).toBeGreaterThan(0);
    }
  });

  it("passes kubeconform -strict for every object", async () => {
    const sources = readObjects(tree.fluxRoot);
    for (const build of builds) {
      const name = build.kustomization.name;
      const { objects, problems } = await decryptBuild(
        build,
        sources,
        tree.fluxRoot,
        ageKeyFile,
      );
      const result = await validate(name, objects);

      expect(problems, build.kustomization.name).toEqual([]);
      expect(result.noSchema, build.kustomization.name).toEqual([]);
      expect(result.problems, build.kustomization.name).toEqual([]);
    }
  });

  it("leaves no ${VAR} to postBuild substitution", () => {
    for (const build of builds) {
      expect(substitutionHazards(build), build.kustomization.name).toEqual([]);
    }
  });

  it("reports ${VAR} under postBuild substitution", () => {
    const build = {
      kustomization: {
        name: "apps",
        path: "./flux/apps",
        file: "clusters/test/apps.yaml",
        spec: { postBuild: { substitute: { CLUSTER: "test" } } },
      },
      objects: [
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "render-config" },
          data: { "config.yaml": "password: ${SYNAPSE_PASSWORD}" },
        },
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "escaped" },
          data: { "config.yaml": "password: $${SYNAPSE_PASSWORD}" },
        },
      ],
      yaml: "",
    };

    expect(substitutionHazards(build)).toEqual([
      "ConfigMap render-config in Flux Kustomization 'apps' contains " +
        "${...}, which postBuild substitution would replace",
    ]);
  });

  it("fails a Kustomization path that does not exist", async () => {
    const first = fluxKustomizations(tree).find((k) => k.name === "apps");
    if (first === undefined) {
      throw new Error("the tree has no Flux Kustomization 'apps'");
    }
    const broken = { ...first, path: "./flux/does-not-exist" };

    await expect(buildKustomization(tree, broken)).rejects.toThrow(
      /spec\.path '\.\/flux\/does-not-exist' does not exist/,
    );
  });

  it("reports an unknown field in a Flux object", async () => {
    const flux = fluxKustomizations(tree)[0];
    if (flux === undefined) {
      throw new Error("the tree has no Flux Kustomization");
    }
    const object = {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: flux.name, namespace: "flux-system" },
      spec: { ...flux.spec, prnue: true },
    };

    const result = await validate("unknown-flux-field", [object]);

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain(
      "additional properties 'prnue' not allowed",
    );
  });

  it("reports an unknown field in a Deployment", async () => {
    const deployment = builds
      .flatMap((build) => build.objects)
      .find((object) => object.kind === "Deployment");
    if (deployment === undefined) {
      throw new Error("the built tree has no Deployment");
    }
    const spec = deployment.spec as KubeObject;
    const object = { ...deployment, spec: { ...spec, replicaz: 1 } };

    const result = await validate("unknown-core-field", [object]);

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain(
      "additional properties 'replicaz' not allowed",
    );
  });
});
