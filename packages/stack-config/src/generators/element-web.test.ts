import { BUILD_ELEMENT_CALL_VERSION } from "@axion-stack/call-caps";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import { generateElementCall } from "./element-call.js";
import {
  elementWebFragments,
  elementWebValues,
  escapeHelmTemplate,
  generateElementWeb,
} from "./element-web.js";
import type { BuildArtifacts, JsonObject } from "./types.js";

/** A minimal Element Call build with the files of `apps/element-call/dist`. */
const ARTIFACTS: BuildArtifacts = {
  elementCall: {
    "axion-call-caps.js": "(()=>{})();\n",
    "config.upstream.json": "{}",
    "build.json": JSON.stringify({ elementCall: BUILD_ELEMENT_CALL_VERSION }),
  },
};

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
}

/** Returns the name of the Element Call files ConfigMap for `stack`. */
function elementCallConfigMap(stack = stackWith()): string {
  const [, files] = generateElementCall(stack, ARTIFACTS);
  if (files === undefined || !("document" in files)) {
    throw new Error("expected the Element Call files ConfigMap");
  }
  return (files.document.metadata as JsonObject).name as string;
}

/** Returns the parsed `config.json` fragments of the emitted values. */
function emittedConfig(stack = stackWith()) {
  const values = elementWebValues(stack);
  if (!values.enabled) {
    throw new Error("expected Element Web to be enabled");
  }
  return Object.fromEntries(
    Object.entries(values.additional).map(([name, json]) => [
      name,
      JSON.parse(json) as Record<string, unknown>,
    ]),
  );
}

describe("elementWebValues", () => {
  it("switches Element Web off when disabled", () => {
    const stack = stackWith({ ess: { elementWeb: { enabled: false } } });

    expect(elementWebValues(stack)).toEqual({ enabled: false });
  });

  it("serves Element Web on the server name", () => {
    expect(elementWebValues(stackWith())).toMatchObject({
      ingress: { host: "example.org" },
    });
  });

  it("sets the brand", () => {
    const config = emittedConfig(stackWith({ brand: "Example Chat" }));

    expect(config["axion-brand"]).toEqual({ brand: "Example Chat" });
  });

  it("turns bug reports and maps off by default", () => {
    const privacy = emittedConfig()["axion-privacy"];

    expect(privacy).toEqual({
      bug_report_endpoint_url: null,
      map_style_url: null,
    });
  });

  it("uses the servers that privacy names", () => {
    const stack = stackWith({
      privacy: {
        bugReportEndpointUrl: "https://rageshake.example.org/api/submit",
        mapStyleUrl: "https://tiles.example.org/style.json",
      },
    });

    expect(elementWebFragments(stack)["axion-privacy"]).toEqual({
      bug_report_endpoint_url: "https://rageshake.example.org/api/submit",
      map_style_url: "https://tiles.example.org/style.json",
    });
  });

  it("escapes template braces in the brand", () => {
    const values = elementWebValues(stackWith({ brand: "Chat {{x}}" }));
    const additional = values.enabled ? values.additional : {};

    expect(additional["axion-brand"]).toBe('{"brand":"Chat {{`{{`}}x}}"}');
  });
});

describe("elementWebValues with Element Call", () => {
  it("mounts the Element Call files ConfigMap", () => {
    const values = elementWebValues(stackWith(), ARTIFACTS);

    expect(values).toMatchObject({
      extraVolumes: [
        {
          name: "element-call-caps",
          configMap: { name: elementCallConfigMap() },
        },
      ],
    });
  });

  it("mounts the widget files and the nginx snippet", () => {
    const values = elementWebValues(stackWith(), ARTIFACTS);
    const mounts = values.enabled ? values.extraVolumeMounts : undefined;

    expect(mounts?.map((mount) => mount.mountPath)).toEqual([
      "/app/widgets/element-call/config.json",
      "/app/widgets/element-call/axion-call-caps.js",
      "/etc/nginx/conf.d/axion-element-call.conf",
    ]);
  });

  it("adds the participant limit to our fragments", () => {
    const stack = stackWith({ elementCall: { participantLimit: 8 } });
    const values = elementWebValues(stack, ARTIFACTS);
    const additional = values.enabled ? values.additional : {};

    expect(Object.keys(additional).sort()).toEqual([
      "axion-brand",
      "axion-element-call",
      "axion-privacy",
      "axion-themes",
    ]);
    expect(JSON.parse(additional["axion-element-call"]!)).toEqual({
      element_call: { participant_limit: 8 },
    });
  });

  it.each([
    { name: "without artifacts", overrides: {}, artifacts: undefined },
    {
      name: "with Element Call off",
      overrides: { elementCall: { enabled: false } },
      artifacts: ARTIFACTS,
    },
  ])("mounts nothing $name", ({ overrides, artifacts }) => {
    const values = elementWebValues(stackWith(overrides), artifacts);

    expect(values).not.toHaveProperty("extraVolumes");
    expect(values).not.toHaveProperty("extraVolumeMounts");
  });

  it("rejects artifacts without the build", () => {
    expect(() => elementWebValues(stackWith(), {})).toThrow(
      "pnpm --filter @axion-stack/element-call build",
    );
  });
});

describe("generateElementWeb", () => {
  it("writes the mounts into the values ConfigMap", () => {
    const [manifest] = generateElementWeb(stackWith(), ARTIFACTS);
    if (manifest === undefined || !("document" in manifest)) {
      throw new Error("expected the element-web values ConfigMap");
    }
    const data = manifest.document.data as Record<string, string>;
    const values = parse(data["values.yaml"]!) as {
      elementWeb: { extraVolumes: { configMap: { name: string } }[] };
    };

    expect(manifest.path).toBe("apps/ess/values-element-web.yaml");
    expect(values.elementWeb.extraVolumes[0]?.configMap.name).toBe(
      elementCallConfigMap(),
    );
  });
});

describe("escapeHelmTemplate", () => {
  it.each([
    { text: "plain", expected: "plain" },
    { text: "a{{b", expected: "a{{`{{`}}b" },
    { text: "}}", expected: "}}" },
  ])("escapes $text", ({ text, expected }) => {
    expect(escapeHelmTemplate(text)).toBe(expected);
  });
});
