/**
 * The ESS HelmRelease's values against the `matrix-stack` chart's own
 * `values.schema.json` of each supported version, which Helm enforces at
 * install and upgrade, and against our schema of the same version.
 */
import { fileURLToPath } from "node:url";
import { CAPS_KEY } from "@axion-stack/call-caps";
import { readUpstream } from "@axion-stack/test-upstream";
import {
  formatSchemaErrors,
  valuesValidator,
} from "@axion-stack/values-schemas";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import {
  readBuildArtifacts,
  resolveStack,
  type StackConfig,
} from "@axion-stack/stack-config";
import { GENERATORS } from "../../packages/stack-config/src/generators/index.js";
import type { BuildArtifacts } from "../../packages/stack-config/src/generators/types.js";
import {
  coalesceValues,
  defaultStack,
  essReleaseValues,
} from "./ess-support.js";

const VERSIONS = ["26.4.0", "26.8.1"] as const;

const upstreamValidators = new Map<string, ValidateFunction>();

function upstreamValidator(version: string): ValidateFunction {
  const cached = upstreamValidators.get(version);
  if (cached) {
    return cached;
  }
  const schema = readUpstream<object>(`ess-helm/${version}/values.schema.json`);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  upstreamValidators.set(version, validate);
  return validate;
}

function ourValidator(version: string): ValidateFunction {
  const validate = valuesValidator("matrix-stack", version);
  if (validate === undefined) {
    throw new Error(`no values schema registered for matrix-stack@${version}`);
  }
  return validate;
}

/** Validates and returns the errors as `<path>: <message>` lines. */
function errorsOf(validate: ValidateFunction, values: unknown): string[] {
  return validate(values) ? [] : formatSchemaErrors(validate.errors);
}

function withTypo(values: Record<string, unknown>) {
  const typo = structuredClone(values) as {
    synapse: { media: Record<string, unknown> };
  };
  const { maxUploadSize, ...media } = typo.synapse.media;
  typo.synapse.media = { ...media, maxUploadSise: maxUploadSize };
  return typo;
}

// Compiling a chart schema takes seconds, so tests share the validators.
describe.each(VERSIONS)("ESS %s values", (version) => {
  const values = essReleaseValues(defaultStack(version));

  it("pass the chart's schema", () => {
    expect(errorsOf(upstreamValidator(version), values)).toEqual([]);
  }, 60_000);

  it("pass the chart's schema over its defaults", () => {
    const defaults = readUpstream(`ess-helm/${version}/values.yaml`);
    const merged = coalesceValues(defaults, values);

    expect(errorsOf(upstreamValidator(version), merged)).toEqual([]);
  }, 60_000);

  it("pass our schema", () => {
    expect(errorsOf(ourValidator(version), values)).toEqual([]);
  });

  it("set the server name and every enabled component's host", () => {
    const hosts = ["synapse", "matrixAuthenticationService", "elementWeb"]
      .concat(["elementAdmin", "matrixRTC"])
      .map((key) => (values[key] as { ingress: { host: string } }).ingress);

    expect(values.serverName).toBe("axion1337.chat");
    for (const ingress of hosts) {
      expect(ingress.host).toMatch(/axion1337\.chat$/);
    }
  });

  it("contain no inline credential", () => {
    expect(JSON.stringify(values)).not.toMatch(/"value":/);
  });

  it("contain nothing matrix-tools or Flux would substitute", () => {
    expect(JSON.stringify(values)).not.toContain("${");
  });

  it("with a typo are rejected by the chart's schema", () => {
    const errors = errorsOf(upstreamValidator(version), withTypo(values));

    expect(errors).toContain(
      "/synapse/media: must NOT have additional properties",
    );
  }, 60_000);

  it("with a typo are rejected by our schema", () => {
    const errors = errorsOf(ourValidator(version), withTypo(values));

    expect(errors).toContain(
      "/synapse/media: must NOT have additional properties",
    );
  });
});

describe("ESS version differences", () => {
  it("26.8.1 values fail the 26.4.0 chart schema", () => {
    const values = essReleaseValues(defaultStack("26.8.1"));
    const errors = errorsOf(upstreamValidator("26.4.0"), values);

    expect(errors).toContain(
      "/matrixRTC/sfu/exposedServices/turnTLS/portType: must be equal to one of the allowed values",
    );
  }, 60_000);

  it("26.4.0 keysYaml fails the 26.8.1 chart schema", () => {
    const values = essReleaseValues(defaultStack("26.4.0")) as {
      matrixRTC: { livekitAuth: unknown };
    };
    values.matrixRTC.livekitAuth = {
      keysYaml: { secret: "ess-matrix-rtc-credentials", secretKey: "keys" },
    };

    expect(upstreamValidator("26.4.0")(values)).toBe(true);
    expect(upstreamValidator("26.8.1")(values)).toBe(false);
  }, 60_000);
});

/** Configs that switch on the branches the default config does not take. */
const VARIANTS: { name: string; config: Omit<StackConfig, "serverName"> }[] = [
  {
    name: "every component off",
    config: {
      ess: {
        synapse: { enabled: false },
        matrixAuthenticationService: { enabled: false },
        elementWeb: { enabled: false },
        elementAdmin: { enabled: false },
        matrixRTC: { enabled: false },
      },
      authentik: { enabled: false },
      coturn: { enabled: false },
    },
  },
  {
    name: "own hosts, opt-ins and a UDP range",
    config: {
      hosts: { elementWeb: "chat.example.org" },
      cluster: { storageClassName: "fast", publicIP: "203.0.113.10" },
      privacy: {
        bugReportEndpointUrl: "https://rageshake.example.org/api/submit",
        mapStyleUrl: "https://tiles.example.org/style.json",
        synapseReportStats: true,
      },
      ess: {
        matrixRTC: {
          sfu: {
            rtcUdpPortRange: { start: 31000, end: 31100 },
            turn: { enabled: false },
          },
        },
      },
      policies: { retention: { defaultMaxLifetime: "180d" } },
    },
  },
];

describe.each(VERSIONS)("ESS %s variant values", (version) => {
  it.each(VARIANTS)(
    "$name pass both schemas",
    ({ config }) => {
      const stack = resolveStack({
        serverName: "example.org",
        ...config,
        ess: { ...config.ess, chartVersion: version },
      });
      const values = essReleaseValues(stack);

      expect(errorsOf(upstreamValidator(version), values)).toEqual([]);
      expect(errorsOf(ourValidator(version), values)).toEqual([]);
    },
    60_000,
  );
});

/**
 * Reads the apps' build output in this repository, as the CLI does. The
 * Element Call overlay needs `apps/element-call/dist`, which
 * `pnpm --filter @axion-stack/element-call build` creates. Without it, the
 * generators throw an error that names that command.
 */
function repositoryArtifacts() {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const artifacts = readBuildArtifacts(root);
  if (artifacts === undefined) {
    throw new Error(`no app folders found under ${root}`);
  }
  return artifacts;
}

type Section = { [key: string]: unknown };

describe.each(VERSIONS)(
  "ESS %s values with the Element Call build",
  (version) => {
    const stack = defaultStack(version);
    let artifacts: BuildArtifacts;
    let values: Section;
    let elementWeb: Section;

    // Reading the build in a hook reports a missing build as a test failure.
    beforeAll(() => {
      artifacts = repositoryArtifacts();
      values = essReleaseValues(stack, artifacts);
      elementWeb = values.elementWeb as Section;
    });

    it("pass the chart's schema, alone and over its defaults", () => {
      const defaults = readUpstream(`ess-helm/${version}/values.yaml`);
      const merged = coalesceValues(defaults, values);

      expect(errorsOf(upstreamValidator(version), values)).toEqual([]);
      expect(errorsOf(upstreamValidator(version), merged)).toEqual([]);
    }, 60_000);

    it("pass our schema", () => {
      expect(errorsOf(ourValidator(version), values)).toEqual([]);
    });

    it("mount a ConfigMap that the overlay renders", () => {
      const overlay = GENERATORS.elementCall!(stack, artifacts);
      const configMaps = overlay.flatMap((manifest) =>
        "document" in manifest && manifest.document.kind === "ConfigMap"
          ? [manifest.document.metadata as Section]
          : [],
      );

      expect(elementWeb.extraVolumes).toEqual([
        {
          name: "element-call-caps",
          configMap: { name: configMaps[0]?.name },
        },
      ]);
      expect(configMaps).toEqual([
        expect.objectContaining({ namespace: stack.ess.namespace }),
      ]);
    });

    it("mount the widget files and the nginx snippet", () => {
      const mounts = elementWeb.extraVolumeMounts as { mountPath: string }[];

      expect(mounts.map((mount) => mount.mountPath)).toEqual([
        "/app/widgets/element-call/config.json",
        "/app/widgets/element-call/axion-call-caps.js",
        "/etc/nginx/conf.d/axion-element-call.conf",
      ]);
    });

    it("publish the caps in the client well-known", () => {
      const wellKnown = values.wellKnownDelegation as {
        additional: { client: string };
      };
      const client = JSON.parse(wellKnown.additional.client) as Section;

      expect(client[CAPS_KEY]).toMatchObject({
        camera: { max_bitrate: stack.elementCall.caps.camera.maxBitrate },
      });
    });
  },
);
