import { describe, expect, it } from "vitest";
import { valuesValidator } from "../registry.js";
import { fragmentValidator } from "./fragments.js";
import { ESS_CHART_VERSIONS } from "./index.js";
import type { ExtraVolumeMount } from "./common.js";
import type { ExposedPortV26_4_0 } from "./matrix-rtc.js";
import type { MatrixStackValuesV26_4_0 } from "./values.js";

const ref = (secretKey: string) => ({ secret: "ess-credentials", secretKey });

function port(value: number): ExposedPortV26_4_0 {
  return { enabled: true, portType: "NodePort", port: value };
}

function sampleValues(): MatrixStackValuesV26_4_0 {
  return {
    serverName: "example.org",
    ingress: { className: "traefik" },
    certManager: { clusterIssuer: "letsencrypt" },
    elementAdmin: { enabled: true, ingress: { host: "admin.example.org" } },
    matrixRTC: {
      enabled: true,
      ingress: { host: "mrtc.example.org" },
      livekitAuth: { key: "matrix-rtc", secret: ref("livekit") },
      sfu: {
        enabled: true,
        useStunToDiscoverPublicIP: false,
        manualIP: "203.0.113.10",
        exposedServices: {
          rtcTcp: port(30001),
          rtcMuxedUdp: port(30002),
          rtcUdp: {
            enabled: false,
            portType: "NodePort",
            portRange: { startPort: 31000, endPort: 32000 },
          },
          turn: port(30004),
          turnTLS: {
            ...port(30003),
            domain: "mrtc-turn.example.org",
            tlsTerminationOnPod: true,
          },
        },
      },
    },
  };
}

function elementWebWithMounts() {
  return {
    enabled: true as const,
    ingress: { host: "chat.example.org" },
    additional: {},
    extraVolumes: [{ name: "overlay", configMap: { name: "overlay-files" } }],
    extraVolumeMounts: [
      {
        name: "overlay",
        mountPath: "/app/widgets/element-call/config.json",
        subPath: "config.json",
        readOnly: true,
      },
    ] as ExtraVolumeMount[],
  };
}

function validate(version: string, values: unknown) {
  const validator = valuesValidator("matrix-stack", version);
  if (!validator) {
    throw new Error(`no schema registered for matrix-stack@${version}`);
  }
  return validator(values);
}

describe("matrix-stack values schemas", () => {
  it.each(ESS_CHART_VERSIONS)("%s accepts the sample values", (version) => {
    expect(validate(version, sampleValues())).toBe(true);
  });

  it.each(ESS_CHART_VERSIONS)("%s rejects a misspelled key", (version) => {
    const values = { ...sampleValues(), elementAdmn: { enabled: false } };

    expect(validate(version, values)).toBe(false);
  });

  it.each(ESS_CHART_VERSIONS)("%s accepts Element Web mounts", (version) => {
    const values = { ...sampleValues(), elementWeb: elementWebWithMounts() };

    expect(validate(version, values)).toBe(true);
  });

  it.each(ESS_CHART_VERSIONS)("%s rejects a mount's typo", (version) => {
    const elementWeb = elementWebWithMounts();
    elementWeb.extraVolumeMounts[0] = {
      ...elementWeb.extraVolumeMounts[0]!,
      subpath: "config.json",
    } as ExtraVolumeMount;
    const values = { ...sampleValues(), elementWeb };

    expect(validate(version, values)).toBe(false);
  });

  it.each(ESS_CHART_VERSIONS)("%s rejects an inline secret", (version) => {
    const values = sampleValues() as unknown as {
      matrixRTC: { livekitAuth: { secret: unknown } };
    };
    values.matrixRTC.livekitAuth.secret = { value: "not-in-git" };

    expect(validate(version, values)).toBe(false);
  });

  it.each([
    ["26.4.0", true],
    ["26.8.1", false],
  ])("%s livekitAuth.keysYaml accepted: %s", (version, accepted) => {
    const values = sampleValues() as unknown as {
      matrixRTC: { livekitAuth: unknown };
    };
    values.matrixRTC.livekitAuth = { keysYaml: ref("keys.yaml") };

    expect(validate(version, values)).toBe(accepted);
  });

  it.each([
    ["26.4.0", false],
    ["26.8.1", true],
  ])("%s ClusterIP port type accepted: %s", (version, accepted) => {
    const values = sampleValues() as unknown as {
      matrixRTC: { sfu: { exposedServices: { turnTLS: object } } };
    };
    const services = values.matrixRTC.sfu.exposedServices;
    services.turnTLS = { ...services.turnTLS, portType: "ClusterIP" };

    expect(validate(version, values)).toBe(accepted);
  });
});

describe("fragment schemas", () => {
  it.each([
    { name: "retention", fragment: { retention: { enabled: true } } },
    { name: "TURN", fragment: { turn_user_lifetime: "1d" } },
  ])("synapse accepts $name", ({ fragment }) => {
    expect(fragmentValidator("synapse")(fragment)).toBe(true);
  });

  it.each([
    { name: "a chart-owned key", fragment: { max_upload_size: "1G" } },
    { name: "a Go duration", fragment: { turn_user_lifetime: "24h0m" } },
    { name: "a misspelled key", fragment: { report_stat: false } },
  ])("synapse rejects $name", ({ fragment }) => {
    expect(fragmentValidator("synapse")(fragment)).toBe(false);
  });

  it("MAS rejects a misspelled key", () => {
    const fragment = { passwords: { enable: true } };

    expect(fragmentValidator("matrixAuthenticationService")(fragment)).toBe(
      false,
    );
  });
});
