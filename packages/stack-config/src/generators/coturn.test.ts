import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  coturnCertificate,
  coturnConfigMap,
  coturnDeployment,
  generateCoturn,
} from "./coturn.js";
import { renderTurnServerConf } from "./coturn-config.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

function podSpec(overrides: Partial<StackConfig> = {}) {
  const spec = coturnDeployment(stackWith(overrides)).spec?.template.spec;
  if (spec === undefined) {
    throw new Error("coturn Deployment has no pod spec");
  }
  return spec;
}

describe("generateCoturn", () => {
  it("emits nothing when disabled", () => {
    expect(generateCoturn(stackWith({ coturn: { enabled: false } }))).toEqual(
      [],
    );
  });

  it("emits namespace, config, certificate, deployment", () => {
    const paths = generateCoturn(stackWith()).map((entry) => entry.path);

    expect(paths).toEqual([
      "infrastructure/namespaces/coturn.yaml",
      "apps/coturn/configmap.yaml",
      "apps/coturn/certificate.yaml",
      "apps/coturn/deployment.yaml",
    ]);
  });

  it("makes only its own namespace privileged", () => {
    const [namespace] = generateCoturn(stackWith());

    expect(namespace).toMatchObject({
      document: {
        metadata: {
          name: "coturn",
          labels: { "pod-security.kubernetes.io/enforce": "privileged" },
        },
      },
    });
  });
});

describe("coturnDeployment", () => {
  it("is a valid Deployment", () => {
    const deployment = new Deployment(coturnDeployment(stackWith()));

    expect(() => deployment.validate()).not.toThrow();
  });

  it("runs on the host network", () => {
    const spec = podSpec();

    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe("ClusterFirstWithHostNet");
  });

  it("rolls the pod when turnserver.conf changes", () => {
    const annotationsOf = (overrides: Partial<StackConfig>) =>
      coturnDeployment(stackWith(overrides)).spec?.template.metadata
        ?.annotations ?? {};

    const before = annotationsOf({});
    const after = annotationsOf({ coturn: { port: 3479 } });

    expect(before["axion-stack/turnserver-conf-sha256"]).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(after["axion-stack/turnserver-conf-sha256"]).not.toBe(
      before["axion-stack/turnserver-conf-sha256"],
    );
  });

  it("recreates the pod on update", () => {
    const deployment = coturnDeployment(stackWith());

    expect(deployment.spec?.strategy).toEqual({ type: "Recreate" });
  });

  it("passes the shared secret from the Secret", () => {
    const [container] = podSpec().containers;

    expect(container?.args).toContain(
      "--static-auth-secret=$(TURN_SHARED_SECRET)",
    );
    expect(container?.env).toEqual([
      {
        name: "TURN_SHARED_SECRET",
        valueFrom: {
          secretKeyRef: { name: "coturn-shared-secret", key: "shared-secret" },
        },
      },
    ]);
  });

  it("runs as restricted as host networking allows", () => {
    const spec = podSpec();
    const [container] = spec.containers;

    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 65534,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container?.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.hostPID).toBeUndefined();
  });

  it("declares the configured listener ports", () => {
    const [container] = podSpec({
      coturn: { port: 3479, tlsPort: 5350 },
    }).containers;

    expect(container?.ports).toEqual([
      { name: "turn-udp", containerPort: 3479, protocol: "UDP" },
      { name: "turn-tcp", containerPort: 3479, protocol: "TCP" },
      { name: "turns-tcp", containerPort: 5350, protocol: "TCP" },
      { name: "turns-udp", containerPort: 5350, protocol: "UDP" },
    ]);
  });

  it("uses the configured image", () => {
    const [container] = podSpec({
      coturn: { image: "example/coturn:1" },
    }).containers;

    expect(container?.image).toBe("example/coturn:1");
  });
});

describe("coturnConfigMap", () => {
  it("is a valid ConfigMap", () => {
    const configMap = new ConfigMap(coturnConfigMap(stackWith()));

    expect(() => configMap.validate()).not.toThrow();
  });

  it("holds the rendered turnserver.conf", () => {
    const stack = stackWith();

    expect(coturnConfigMap(stack).data).toEqual({
      "turnserver.conf": renderTurnServerConf(stack),
    });
  });
});

describe("coturnCertificate", () => {
  it("covers the TURN host from the cluster issuer", () => {
    const stack = stackWith({
      hosts: { turn: "relay.example.org" },
      cluster: { clusterIssuer: "prod" },
    });

    expect(coturnCertificate(stack).spec).toMatchObject({
      secretName: "coturn-tls",
      dnsNames: ["relay.example.org"],
      issuerRef: { kind: "ClusterIssuer", name: "prod" },
    });
  });
});
