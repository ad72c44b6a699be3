import { Deployment } from "kubernetes-models/apps/v1";
import { ConfigMap, Service } from "kubernetes-models/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { resolveStack, type ResolvedStack } from "../config/resolve.js";
import type { StackConfig } from "../config/model.js";
import {
  generateSetupSite,
  MAX_SITE_BYTES,
  setupSiteSettingsSha256,
} from "./setup-site.js";
import { setupSiteNginxConf } from "./setup-site-nginx.js";
import type { BuildOutput, JsonObject, Manifest } from "./types.js";

const CONFIG: StackConfig = { serverName: "example.org" };
const stack = resolveStack(CONFIG);

function builtSite(target: ResolvedStack): BuildOutput {
  return {
    "index.html": "<!doctype html><title>Setup</title>",
    "assets/index-Ab12_x.js": "console.log('site')",
    "setup-linux.sh": "#!/bin/sh\n",
    "setup-site.json": JSON.stringify({
      serverName: target.serverName,
      homeserverUrl: target.urls.synapse,
      path: target.setupSite.path,
      defaultTheme: target.setupSite.defaultTheme,
      settingsSha256: setupSiteSettingsSha256(target),
    }),
  };
}

function documentAt(manifests: Manifest[], suffix: string): JsonObject {
  const manifest = manifests.find((m) => m.path.endsWith(suffix));
  if (!manifest || !("document" in manifest)) {
    throw new Error(`no document at ${suffix}`);
  }
  return manifest.document;
}

const manifests = generateSetupSite(stack, { setupSite: builtSite(stack) });
function deploymentOf(output: Manifest[]): Deployment {
  return new Deployment(documentAt(output, "deployment.yaml") as never);
}

function ingressOf(output: Manifest[]): Ingress {
  return new Ingress(documentAt(output, "ingress.yaml") as never);
}

const deployment = deploymentOf(manifests);
const podSpec = deployment.spec!.template.spec!;
const container = podSpec.containers[0]!;

describe("generateSetupSite", () => {
  it("returns nothing when the site is off", () => {
    const off = resolveStack({ ...CONFIG, setupSite: { enabled: false } });
    expect(generateSetupSite(off)).toEqual([]);
  });

  it("lists the site's objects under apps/setup-site", () => {
    expect(manifests.map((m) => m.path)).toEqual([
      "infrastructure/namespaces/matrix.yaml",
      "apps/setup-site/configmap-files.yaml",
      "apps/setup-site/configmap-nginx.yaml",
      "apps/setup-site/deployment.yaml",
      "apps/setup-site/service.yaml",
      "apps/setup-site/ingress.yaml",
    ]);
  });

  it.each([
    { file: "configmap-files.yaml", model: ConfigMap },
    { file: "configmap-nginx.yaml", model: ConfigMap },
    { file: "deployment.yaml", model: Deployment },
    { file: "service.yaml", model: Service },
    { file: "ingress.yaml", model: Ingress },
  ])("emits a valid $file", ({ file, model }) => {
    const object = new model(documentAt(manifests, file) as never);
    expect(() => object.validate()).not.toThrow();
  });

  it("runs nginx non-root with a read-only root filesystem", () => {
    expect(podSpec.automountServiceAccountToken).toBe(false);
    expect(podSpec.securityContext?.runAsNonRoot).toBe(true);
    expect(podSpec.securityContext?.seccompProfile).toEqual({
      type: "RuntimeDefault",
    });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
  });

  it("pins the unprivileged nginx image by tag", () => {
    expect(container.image).toMatch(
      /^docker\.io\/nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+-alpine$/,
    );
  });

  it("gives nginx writable emptyDirs for its temporary files", () => {
    const mounts = container.volumeMounts!.map((mount) => mount.mountPath);
    expect(mounts).toContain("/tmp");
    expect(mounts).toContain("/var/cache/nginx");
    expect(podSpec.volumes).toContainEqual({
      name: "tmp",
      emptyDir: { sizeLimit: "16Mi" },
    });
  });

  it("mounts each built file at its path under the site prefix", () => {
    const site = podSpec.volumes!.find((volume) => volume.name === "site");
    expect(site?.configMap?.items).toContainEqual({
      key: "assets_index-Ab12_x.js",
      path: "assets/index-Ab12_x.js",
    });
    expect(container.volumeMounts![0]).toEqual({
      name: "site",
      mountPath: "/usr/share/nginx/html/docs/setup",
      readOnly: true,
    });
  });

  it("routes the path prefix on the Element Web host", () => {
    const ingress = ingressOf(manifests);
    const rule = ingress.spec!.rules![0]!;
    expect(rule.host).toBe("example.org");
    expect(rule.http!.paths[0]).toMatchObject({
      path: "/docs/setup",
      pathType: "Prefix",
    });
    expect(ingress.spec!.ingressClassName).toBe("traefik");
    expect(ingress.metadata?.annotations).toEqual({
      "cert-manager.io/cluster-issuer": "letsencrypt",
    });
  });

  it("follows a custom path", () => {
    const custom = resolveStack({
      ...CONFIG,
      setupSite: { path: "/help/desktop/" },
    });
    const output = generateSetupSite(custom, { setupSite: builtSite(custom) });
    const rule = ingressOf(output).spec!.rules![0]!;
    expect(rule.http!.paths[0]!.path).toBe("/help/desktop");
  });

  it("renders the same manifests twice", () => {
    expect(generateSetupSite(stack, { setupSite: builtSite(stack) })).toEqual(
      manifests,
    );
  });

  it("rolls the pods when a file changes", () => {
    const changed = { ...builtSite(stack), "index.html": "<title>New</title>" };
    const output = generateSetupSite(stack, { setupSite: changed });
    const annotations =
      deploymentOf(output).spec!.template.metadata!.annotations;
    expect(annotations).not.toEqual(
      deployment.spec!.template.metadata!.annotations,
    );
  });
});

describe("generateSetupSite errors", () => {
  it("returns nothing when rendered without artifacts", () => {
    expect(generateSetupSite(stack)).toEqual([]);
  });

  it("rejects artifacts without the site", () => {
    expect(() => generateSetupSite(stack, {})).toThrow(
      /setupSite.enabled is true but the built site was not passed in/,
    );
  });

  it("rejects a site built for another homeserver", () => {
    const other = resolveStack({ serverName: "other.example" });
    expect(() =>
      generateSetupSite(stack, { setupSite: builtSite(other) }),
    ).toThrow(
      "serverName: differs from the built setup site, which has serverName " +
        '"other.example" (received "example.org"); rebuild it for this config',
    );
  });

  it("rejects a site built with another brand", () => {
    const rebranded = resolveStack({ ...CONFIG, brand: "Other" });
    expect(() =>
      generateSetupSite(stack, { setupSite: builtSite(rebranded) }),
    ).toThrow(/^setupSite: differs .* which has settingsSha256 "[0-9a-f]{64}"/);
  });

  it("rejects a site without setup-site.json", () => {
    const files = builtSite(stack);
    delete files["setup-site.json"];
    expect(() => generateSetupSite(stack, { setupSite: files })).toThrow(
      /the built site has no setup-site.json/,
    );
  });

  it("rejects a site over the ConfigMap size limit", () => {
    const files = {
      ...builtSite(stack),
      "big.js": "x".repeat(MAX_SITE_BYTES),
    };
    expect(() => generateSetupSite(stack, { setupSite: files })).toThrow(
      /over the ConfigMap limit of 1032192/,
    );
  });

  const badNames: { name: string; extra: BuildOutput; reported: string }[] = [
    { name: "a space", extra: { "a b.html": "" }, reported: "a b.html" },
    {
      name: "a key collision",
      extra: { "dir/a_b.js": "", "dir_a_b.js": "" },
      reported: "dir_a_b.js",
    },
  ];

  it.each(badNames)("rejects $name in a file name", ({ extra, reported }) => {
    const files = { ...builtSite(stack), ...extra };
    expect(() => generateSetupSite(stack, { setupSite: files })).toThrow(
      `built file "${reported}" cannot be a ConfigMap key`,
    );
  });
});

describe("setupSiteNginxConf", () => {
  const conf = setupSiteNginxConf({
    listen: "8080",
    root: "/srv",
    path: "/docs/setup/",
    tempDir: "/tmp",
  });

  it("keeps every writable path under the temp folder", () => {
    expect(conf).toContain("pid /tmp/nginx.pid;");
    for (const line of conf
      .split("\n")
      .filter((l) => l.includes("_temp_path"))) {
      expect(line).toMatch(/_temp_path \/tmp\//);
    }
  });

  it("redirects the bare prefix to the site", () => {
    expect(conf).toContain(
      "location = /docs/setup {\n      return 301 /docs/setup/;",
    );
  });

  it("serves the scripts as UTF-8 text", () => {
    expect(conf).toContain('default_type "text/plain; charset=utf-8";');
  });
});
