import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import { namespaceManifest } from "../flux/namespaces.js";
import { helmRelease, valuesConfigMap } from "../flux/resources.js";
import { buildSkeleton } from "../flux/skeleton.js";
import { helmChartSource } from "../flux/sources.js";
import type { JsonObject, Manifest } from "../generators/types.js";
import { checkManifests } from "./index.js";
import { formatOutputIssue } from "./issues.js";

const stack = resolveStack({ serverName: "example.org" });
const source = helmChartSource(stack, "grafana", "alloy", "1.11.1");

const ALLOY_VALUES: JsonObject = {
  alloy: { enableReporting: false },
  controller: { type: "daemonset" },
};

// These tests use a small strict schema in place of the registry's, so
// they do not depend on how complete the real alloy schema is.
const alloySchema = new Ajv2020({ allErrors: true }).compile({
  type: "object",
  additionalProperties: false,
  properties: {
    alloy: { type: "object" },
    controller: { type: "object" },
    global: { type: "object" },
  },
});
const valuesValidator = (chart: string, version: string) =>
  chart === "alloy" && version === "1.11.1" ? alloySchema : undefined;

function alloyRelease(
  overrides: Partial<Parameters<typeof helmRelease>[0]> = {},
) {
  return helmRelease({
    name: "alloy",
    namespace: "monitoring",
    interval: "10m",
    source: source.ref,
    valuesFrom: [{ kind: "ConfigMap", name: "alloy-values" }],
    ...overrides,
  });
}

function tree(extra: Manifest[] = [], values = ALLOY_VALUES): Manifest[] {
  const generated: Manifest[] = [
    namespaceManifest("monitoring", "restricted"),
    namespaceManifest("matrix", "restricted"),
    source.manifest,
    {
      path: "apps/monitoring/alloy-values.yaml",
      document: valuesConfigMap({
        name: "alloy-values",
        namespace: "monitoring",
        values,
      }),
    },
    ...extra,
  ];
  return buildSkeleton(stack, generated);
}

function messages(manifests: Manifest[]): string[] {
  return checkManifests(stack, manifests, { valuesValidator }).issues.map(
    formatOutputIssue,
  );
}

describe("checkManifests", () => {
  it("accepts a consistent tree", () => {
    const manifests = tree([
      { path: "apps/monitoring/alloy.yaml", document: alloyRelease() },
    ]);
    const result = checkManifests(stack, manifests, { valuesValidator });

    expect(result.issues).toEqual([]);
    expect(result.objectCount).toBe(manifests.length);
  });

  it("reports values the schema rejects", () => {
    const manifests = tree(
      [{ path: "apps/monitoring/alloy.yaml", document: alloyRelease() }],
      { ...ALLOY_VALUES, bogus: true },
    );

    expect(messages(manifests)).toEqual([
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: values for " +
        "alloy 1.11.1 invalid at /: must NOT have additional properties",
    ]);
  });

  it("reports a chart without a values schema", () => {
    const other = helmChartSource(stack, "grafana", "loki", "6.0.0");
    const release = alloyRelease({ source: other.ref });

    expect(
      messages(
        tree([{ path: "apps/monitoring/alloy.yaml", document: release }]),
      ),
    ).toEqual([
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: no values " +
        "schema for chart loki version 6.0.0: register one in " +
        "@axion-stack/values-schemas",
    ]);
  });

  it("reports a missing values ConfigMap", () => {
    const release = alloyRelease({
      valuesFrom: [
        { kind: "ConfigMap", name: "alloy-values" },
        { kind: "ConfigMap", name: "absent" },
      ],
    });

    expect(
      messages(
        tree([{ path: "apps/monitoring/alloy.yaml", document: release }]),
      ),
    ).toEqual([
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: valuesFrom " +
        'ConfigMap monitoring/absent key "values.yaml" is not generated',
    ]);
  });

  it("reports a chart source that is not generated", () => {
    const release = alloyRelease({
      source: { ...source.ref, name: "grafana-mirror" },
    });

    expect(
      messages(
        tree([{ path: "apps/monitoring/alloy.yaml", document: release }]),
      ),
    ).toContain(
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: chart " +
        "source HelmRepository flux-system/grafana-mirror is not generated",
    );
  });

  it.each([
    {
      name: "undeclared Secret",
      secretKeyRef: { name: "nope", key: "k" },
      expected:
        "Secret monitoring/nope (read through secretKeyRef) is not " +
        "declared in stack.secrets: declare it in resolveSecrets in " +
        "config/secrets.ts",
    },
    {
      name: "undeclared key",
      secretKeyRef: { name: "coturn-shared-secret", key: "nope" },
      namespace: "matrix",
      expected:
        'Secret matrix/coturn-shared-secret key "nope" (read through ' +
        "secretKeyRef) is not declared; declared keys: shared-secret",
    },
  ])("reports an $name", ({ secretKeyRef, namespace, expected }) => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: namespace ?? "monitoring" },
      spec: {
        containers: [
          { name: "c", env: [{ name: "E", valueFrom: { secretKeyRef } }] },
        ],
      },
    };
    const issues = checkManifests(
      stack,
      tree([{ path: "apps/p.yaml", document: pod }]),
      { valuesValidator },
    ).issues;

    expect(issues.map((issue) => issue.message)).toEqual([expected]);
  });

  it("reports an undeclared Secret in chart values", () => {
    const values = {
      ...ALLOY_VALUES,
      global: { token: { secret: "x", secretKey: "y" } },
    };
    const manifests = tree(
      [{ path: "apps/monitoring/alloy.yaml", document: alloyRelease() }],
      values,
    );

    expect(messages(manifests)).toContain(
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: Secret " +
        "monitoring/x (read through {secret, secretKey}) is not declared " +
        "in stack.secrets: declare it in resolveSecrets in config/secrets.ts",
    );
  });

  it("accepts a declared Secret in valuesFrom", () => {
    const release = helmRelease({
      name: "coturn",
      namespace: "matrix",
      interval: "10m",
      source: source.ref,
      valuesFrom: [],
      extraSpec: {
        valuesFrom: [
          {
            kind: "Secret",
            name: "coturn-shared-secret",
            valuesKey: "shared-secret",
            targetPath: "x",
          },
        ],
      },
    });
    const issues = checkManifests(
      stack,
      tree([{ path: "apps/c.yaml", document: release }]),
      { valuesValidator },
    ).issues;

    expect(issues.filter((issue) => issue.message.includes("Secret"))).toEqual(
      [],
    );
  });

  it("reports a Kustomization path outside the tree", () => {
    const manifests = tree().map((manifest) =>
      manifest.path.endsWith("/apps.yaml") && "document" in manifest
        ? {
            ...manifest,
            document: {
              ...manifest.document,
              spec: {
                ...(manifest.document.spec as JsonObject),
                path: "./flux/nowhere",
              },
            },
          }
        : manifest,
    );

    expect(messages(manifests)).toEqual([
      "clusters/production/apps.yaml: Kustomization flux-system/apps: " +
        'spec.path "./flux/nowhere" names no folder of the generated tree ' +
        '(flux.path is "./flux")',
    ]);
  });

  it("accepts the folder that the secrets command writes", () => {
    const manifests = tree().map((manifest) =>
      manifest.path.endsWith("/apps.yaml") && "document" in manifest
        ? {
            ...manifest,
            document: {
              ...manifest.document,
              spec: {
                ...(manifest.document.spec as JsonObject),
                path: "./flux/secrets",
              },
            },
          }
        : manifest,
    );

    expect(messages(manifests)).toEqual([]);
  });

  it("reports a kustomization entry that is missing", () => {
    const manifests = tree([
      {
        path: "apps/extra/kustomization.yaml",
        document: {
          apiVersion: "kustomize.config.k8s.io/v1beta1",
          kind: "Kustomization",
          resources: ["gone.yaml"],
        },
      },
    ]);

    expect(messages(manifests)).toEqual([
      "apps/extra/kustomization.yaml: Kustomization : resources entry " +
        '"gone.yaml" does not exist',
    ]);
  });

  it("reports a kind without a model", () => {
    const route = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
    };

    expect(messages(tree([{ path: "apps/w.yaml", document: route }]))).toEqual([
      'apps/w.yaml: Widget w: no model for "example.com/v1 Widget": add ' +
        "its kubernetes-models or @kubernetes-models/flux-cd class to " +
        "MODELS in check/models.ts, or list the kind in UNMODELLED_KINDS",
    ]);
  });

  it("validates a Traefik route", () => {
    const route = {
      apiVersion: "traefik.io/v1alpha1",
      kind: "IngressRouteTCP",
      metadata: { name: "turn", namespace: "matrix" },
      spec: {
        entryPoints: ["websecure"],
        routes: [
          { match: "HostSNI(`*`)", services: [{ name: "coturn", port: 5349 }] },
        ],
      },
    };
    const broken = { ...route, metadata: { name: "broken" }, spec: {} };

    expect(messages(tree([{ path: "apps/r.yaml", document: route }]))).toEqual(
      [],
    );
    expect(messages(tree([{ path: "apps/b.yaml", document: broken }]))).toEqual(
      [
        "apps/b.yaml: IngressRouteTCP broken: invalid IngressRouteTCP: " +
          "/spec: must have required property routes",
      ],
    );
  });

  it("accepts Secrets the tree creates", () => {
    const certificate = {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: "turn", namespace: "monitoring" },
      spec: {
        secretName: "turn-tls",
        dnsNames: ["turn.example.org"],
        issuerRef: { kind: "ClusterIssuer", name: "letsencrypt" },
      },
    };
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "monitoring" },
      spec: {
        containers: [{ name: "c" }],
        volumes: [{ name: "tls", secret: { secretName: "turn-tls" } }],
      },
    };
    const wrongKey = {
      ...pod,
      metadata: { name: "q", namespace: "monitoring" },
      spec: {
        containers: [
          {
            name: "c",
            env: [
              {
                name: "K",
                valueFrom: { secretKeyRef: { name: "turn-tls", key: "pem" } },
              },
            ],
          },
        ],
      },
    };

    expect(
      messages(
        tree([
          { path: "apps/cert.yaml", document: certificate },
          { path: "apps/pod.yaml", document: pod },
          { path: "apps/wrong.yaml", document: wrongKey },
        ]),
      ),
    ).toEqual([
      "apps/wrong.yaml: Pod monitoring/q: Secret monitoring/turn-tls that " +
        'the tree creates has no key "pem" (read through secretKeyRef); ' +
        "its keys: tls.crt, tls.key, ca.crt",
    ]);
  });

  it("reports an object its model rejects", () => {
    const release = alloyRelease();
    delete (release.spec as JsonObject).interval;

    expect(
      messages(
        tree([{ path: "apps/monitoring/alloy.yaml", document: release }]),
      ),
    ).toEqual([
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: invalid " +
        "HelmRelease: /spec: must have required property interval",
    ]);
  });

  it("reports a namespace that is not generated", () => {
    const map = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "elsewhere" },
    };

    expect(messages(tree([{ path: "apps/c.yaml", document: map }]))).toEqual([
      'apps/c.yaml: ConfigMap elsewhere/c: namespace "elsewhere" is not ' +
        "generated: return a namespaceManifest for it from the component's " +
        "generator",
    ]);
  });

  it("reports dependsOn on a missing release", () => {
    const release = alloyRelease({
      dependsOn: [
        { name: "alloy-crds" },
        { name: "alloy", namespace: "monitoring" },
      ],
    });
    const manifests = tree([
      { path: "apps/monitoring/alloy.yaml", document: release },
    ]);

    expect(messages(manifests)).toEqual([
      "apps/monitoring/alloy.yaml: HelmRelease monitoring/alloy: dependsOn " +
        "names HelmRelease monitoring/alloy-crds, which is not generated",
    ]);
  });

  it("reports duplicate paths and objects", () => {
    const ns = namespaceManifest("extra", "restricted") as {
      document: JsonObject;
    };
    const manifests = tree([
      { path: "apps/a.yaml", document: ns.document },
      { path: "apps/a.yaml", document: ns.document },
    ]);

    expect(messages(manifests)).toEqual([
      "apps/a.yaml: two manifests have this path",
      "apps/a.yaml: Namespace extra: also defined in apps/a.yaml",
    ]);
  });
});
