import {
  BUILD_ELEMENT_CALL_VERSION,
  CAPS_KEY,
  PROFILES,
  WELL_KNOWN_URL_KEY,
} from "@axion-stack/call-caps";
import { describe, expect, it } from "vitest";
import { resolveStack } from "../config/resolve.js";
import type { StackConfig } from "../config/model.js";
import {
  elementCallElementWebValues,
  elementCallWellKnown,
  generateElementCall,
  nginxSnippet,
  readElementCallBuild,
} from "./element-call.js";
import type { BuildOutput, JsonObject } from "./types.js";

const BUILD: BuildOutput = {
  "axion-call-caps.js": "(()=>{})();\n",
  "config.upstream.json":
    '{"matrix_rtc_session":{"wait_for_key_rotation_ms":5000}}',
  "build.json": JSON.stringify({ elementCall: BUILD_ELEMENT_CALL_VERSION }),
};

function stackWith(extra: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...extra });
}

function render(extra: Partial<StackConfig> = {}, build = BUILD) {
  return generateElementCall(stackWith(extra), { elementCall: build });
}

function documentAt(manifests: ReturnType<typeof render>, suffix: string) {
  const manifest = manifests.find((m) => m.path.endsWith(suffix));
  if (!manifest || !("document" in manifest)) throw new Error(suffix);
  return manifest.document as JsonObject & {
    metadata: { name: string };
    data: Record<string, string>;
  };
}

describe("generateElementCall", () => {
  it("renders only the files ConfigMap", () => {
    expect(render().map((m) => m.path)).toEqual([
      "infrastructure/namespaces/matrix.yaml",
      "apps/ess/element-call-files.yaml",
    ]);
  });

  it("writes the caps and media_quality into config.json", () => {
    const files = documentAt(
      render({ elementCall: { profile: "low" } }),
      "files.yaml",
    );
    const config = JSON.parse(files.data["config.json"]!);

    expect(config.matrix_rtc_session).toEqual({
      wait_for_key_rotation_ms: 5000,
    });
    expect(config[CAPS_KEY].camera.max_bitrate).toBe(300_000);
    expect(config[WELL_KNOWN_URL_KEY]).toBe(
      "https://example.org/.well-known/matrix/client",
    );
  });

  it.each([
    { chartVersion: "26.4.0" as const, mediaQuality: false },
    { chartVersion: "26.8.1" as const, mediaQuality: true },
  ])("writes media_quality for $chartVersion: $mediaQuality", (row) => {
    const files = documentAt(
      render({ ess: { chartVersion: row.chartVersion } }),
      "files.yaml",
    );
    const config = JSON.parse(files.data["config.json"]!);

    expect("media_quality" in config).toBe(row.mediaQuality);
  });

  it("lets explicit values override the profile", () => {
    const files = documentAt(
      render({
        elementCall: { profile: "low", camera: { maxBitrate: 450_000 } },
      }),
      "files.yaml",
    );
    const caps = JSON.parse(files.data["config.json"]!)[CAPS_KEY];

    expect(caps.camera.max_bitrate).toBe(450_000);
    expect(caps.camera.max_height).toBe(PROFILES.low.camera.maxHeight);
  });

  it("names the ConfigMap after its content", () => {
    const low = documentAt(
      render({ elementCall: { profile: "low" } }),
      "files.yaml",
    );
    const high = documentAt(
      render({ elementCall: { profile: "high" } }),
      "files.yaml",
    );
    const again = documentAt(
      render({ elementCall: { profile: "low" } }),
      "files.yaml",
    );

    expect(low.metadata.name).toMatch(/^element-call-caps-[0-9a-f]{10}$/);
    expect(low.metadata.name).not.toBe(high.metadata.name);
    expect(again).toEqual(low);
  });

  it("omits the well-known URL when MatrixRTC is off", () => {
    const files = documentAt(
      render({ ess: { matrixRTC: { enabled: false } } }),
      "files.yaml",
    );

    expect(files.data["config.json"]).not.toContain(WELL_KNOWN_URL_KEY);
  });

  it("omits the well-known URL when switched off", () => {
    const files = documentAt(
      render({ elementCall: { wellKnownCaps: false } }),
      "files.yaml",
    );

    expect(files.data["config.json"]).not.toContain(WELL_KNOWN_URL_KEY);
  });

  it.each([
    { name: "switched off", extra: { elementCall: { enabled: false } } },
    {
      name: "without Element Web",
      extra: { ess: { elementWeb: { enabled: false } } },
    },
  ])("renders nothing $name", ({ extra }) => {
    const artifacts = { elementCall: BUILD };

    expect(generateElementCall(stackWith(extra), artifacts)).toEqual([]);
  });

  it("renders nothing without artifacts", () => {
    expect(generateElementCall(stackWith())).toEqual([]);
  });

  it("rejects artifacts without the build", () => {
    expect(() => generateElementCall(stackWith(), {})).toThrow(
      "pnpm --filter @axion-stack/element-call build",
    );
  });
});

describe("readElementCallBuild", () => {
  it.each(["axion-call-caps.js", "config.upstream.json", "build.json"])(
    "names the missing %s",
    (file) => {
      const files = { ...BUILD };
      delete files[file];

      expect(() => readElementCallBuild(files)).toThrow(file);
    },
  );

  it("rejects a build from another Element Call", () => {
    const files = { ...BUILD, "build.json": '{"elementCall":"0.19.1"}' };

    expect(() => readElementCallBuild(files)).toThrow("0.19.1");
  });

  it("rejects an upstream config that is not an object", () => {
    const files = { ...BUILD, "config.upstream.json": "[]" };

    expect(() => readElementCallBuild(files)).toThrow("not a JSON object");
  });
});

describe("elementCallElementWebValues", () => {
  it("mounts the rendered ConfigMap", () => {
    const stack = stackWith();
    const manifests = generateElementCall(stack, { elementCall: BUILD });
    const values = elementCallElementWebValues(stack, { elementCall: BUILD });
    const files = documentAt(manifests, "files.yaml");

    expect(values?.extraVolumes).toEqual([
      { name: "element-call-caps", configMap: { name: files.metadata.name } },
    ]);
  });

  it("mounts each file of the ConfigMap", () => {
    const stack = stackWith();
    const values = elementCallElementWebValues(stack, { elementCall: BUILD });
    const files = documentAt(
      generateElementCall(stack, { elementCall: BUILD }),
      "files.yaml",
    );

    expect(values?.extraVolumeMounts).toEqual([
      {
        name: "element-call-caps",
        mountPath: "/app/widgets/element-call/config.json",
        subPath: "config.json",
        readOnly: true,
      },
      {
        name: "element-call-caps",
        mountPath: "/app/widgets/element-call/axion-call-caps.js",
        subPath: "axion-call-caps.js",
        readOnly: true,
      },
      {
        name: "element-call-caps",
        mountPath: "/etc/nginx/conf.d/axion-element-call.conf",
        subPath: "axion-element-call.conf",
        readOnly: true,
      },
    ]);
    expect(
      values?.extraVolumeMounts.map((mount) => mount.subPath).sort(),
    ).toEqual(Object.keys(files.data).sort());
  });

  it("sets the participant limit", () => {
    const stack = stackWith({ elementCall: { participantLimit: 12 } });
    const values = elementCallElementWebValues(stack, { elementCall: BUILD });

    expect(values?.additional).toEqual({
      "axion-element-call": '{"element_call":{"participant_limit":12}}',
    });
  });

  it("sets no fragment without a participant limit", () => {
    const values = elementCallElementWebValues(stackWith(), {
      elementCall: BUILD,
    });

    expect(values).not.toHaveProperty("additional");
  });

  it("returns nothing without artifacts", () => {
    expect(elementCallElementWebValues(stackWith(), undefined)).toBeUndefined();
  });

  it("returns nothing when switched off", () => {
    const stack = stackWith({ elementCall: { enabled: false } });

    expect(
      elementCallElementWebValues(stack, { elementCall: BUILD }),
    ).toBeUndefined();
  });

  it("rejects artifacts without the build", () => {
    expect(() => elementCallElementWebValues(stackWith(), {})).toThrow(
      "pnpm --filter @axion-stack/element-call build",
    );
  });
});

describe("elementCallWellKnown", () => {
  it("publishes the deploy-time caps", () => {
    const stack = stackWith({ elementCall: { profile: "high" } });
    const caps = elementCallWellKnown(stack)?.[CAPS_KEY] as {
      camera: { max_height: number };
      video_codec: string;
    };

    expect(caps.camera.max_height).toBe(PROFILES.high.camera.maxHeight);
    expect(caps.video_codec).toBe("vp8");
  });

  it("publishes nothing when switched off", () => {
    const stack = stackWith({ elementCall: { enabled: false } });

    expect(elementCallWellKnown(stack)).toBeUndefined();
  });

  it("publishes nothing when the widget reads no well-known", () => {
    const stack = stackWith({ elementCall: { wellKnownCaps: false } });

    expect(elementCallWellKnown(stack)).toBeUndefined();
  });

  it("publishes nothing when MatrixRTC is off", () => {
    const stack = stackWith({ ess: { matrixRTC: { enabled: false } } });

    expect(elementCallWellKnown(stack)).toBeUndefined();
  });
});

describe("nginxSnippet", () => {
  it("inserts the script only on the widget's page", () => {
    const snippet = nginxSnippet();

    expect(snippet).toContain('"~^/widgets/element-call/(index\\.html)?$"');
    expect(snippet).toContain("default '<head>';");
    expect(snippet).toContain("sub_filter '<head>' $axion_element_call_head;");
  });
});
