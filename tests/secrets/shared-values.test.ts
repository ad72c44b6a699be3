/**
 * A value that two components share has one source: both sides' generated
 * manifests reference the same key of the same declared Secret, in the
 * namespace each side runs in, and `axion-stack secrets` writes that one
 * value into each namespace.
 */
import {
  renderConfig,
  type Manifest,
  type ResolvedStack,
  type StackConfig,
} from "@axion-stack/stack-config";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import stackConfig from "../../stack.config.js";

/** One reference from a manifest to a key of a Secret. */
interface SecretReference {
  file: string;
  namespace: string;
  name: string;
  key: string;
}

type Node = unknown;

/** Parses the YAML held in ConfigMaps, where Helm values live. */
function embeddedDocuments(document: Node): Node[] {
  const data = (document as { kind?: string; data?: Record<string, string> })
    .data;
  if ((document as { kind?: string }).kind !== "ConfigMap" || !data) {
    return [];
  }
  return Object.values(data).flatMap((text) => {
    try {
      return [parse(text) as Node];
    } catch {
      return [];
    }
  });
}

/**
 * Collects the three shapes a Secret key is referenced by: a container's
 * `secretKeyRef`, the ESS chart's `{secret, secretKey}` and a Secret
 * volume's `secretName` with `items[].key`.
 */
function collect(node: Node, found: { name: string; key: string }[]): void {
  if (Array.isArray(node)) {
    node.forEach((item) => collect(item, found));
    return;
  }
  if (node === null || typeof node !== "object") {
    return;
  }
  const object = node as Record<string, unknown>;
  const ref = object.secretKeyRef as
    { name?: string; key?: string } | undefined;
  if (ref?.name && ref.key) {
    found.push({ name: ref.name, key: ref.key });
  }
  if (
    typeof object.secret === "string" &&
    typeof object.secretKey === "string"
  ) {
    found.push({ name: object.secret, key: object.secretKey });
  }
  const volume = object.secret as
    { secretName?: string; items?: { key: string }[] } | undefined;
  if (volume?.secretName) {
    for (const item of volume.items ?? []) {
      found.push({ name: volume.secretName, key: item.key });
    }
  }
  Object.values(object).forEach((value) => collect(value, found));
}

function namespaceOf(document: Node): string {
  return (
    (document as { metadata?: { namespace?: string } }).metadata?.namespace ??
    ""
  );
}

function secretReferences(manifests: Manifest[]): SecretReference[] {
  const references: SecretReference[] = [];
  for (const manifest of manifests) {
    if (!("document" in manifest)) {
      continue;
    }
    const found: { name: string; key: string }[] = [];
    collect(manifest.document, found);
    embeddedDocuments(manifest.document).forEach((doc) => collect(doc, found));
    const namespace = namespaceOf(manifest.document);
    for (const ref of found) {
      references.push({ file: manifest.path, namespace, ...ref });
    }
  }
  return references;
}

let stack: ResolvedStack;
let references: SecretReference[];

beforeAll(() => {
  const render = renderConfig(stackConfig as StackConfig, {
    configFileName: "stack.config.ts",
    version: "0.0.0-test",
  });
  stack = render.stack;
  references = secretReferences(render.manifests);
});

function readersOf(id: string): SecretReference[] {
  const spec = stack.secrets[id];
  expect(spec, `Secret ${id} is declared`).toBeDefined();
  return references.filter((ref) => ref.name === spec?.name);
}

describe("shared Secret values", () => {
  it.each([
    {
      id: "turnSharedSecret",
      key: "shared-secret",
      sides: [/coturn/, /synapse/],
    },
    {
      id: "oidcClientSecret",
      key: "client-secret",
      sides: [/^apps\/authentik\//, /matrix-authentication-service/],
    },
  ])("$id is read by both sides", ({ id, key, sides }) => {
    const readers = readersOf(id);

    for (const side of sides) {
      const matching = readers.filter((ref) => side.test(ref.file));
      expect(
        matching.length,
        `${id} read in a file matching ${side}`,
      ).toBeGreaterThan(0);
      for (const ref of matching) {
        expect(ref.key).toBe(key);
      }
    }
  });

  it("reads each shared Secret where it is written", () => {
    for (const id of ["turnSharedSecret", "oidcClientSecret"]) {
      const spec = stack.secrets[id];
      for (const ref of readersOf(id)) {
        expect(spec?.namespaces, `${ref.file} in ${ref.namespace}`).toContain(
          ref.namespace,
        );
      }
    }
  });

  it("gives the LiveKit key one reference for SFU and JWT", () => {
    const spec = Object.values(stack.secrets).find((candidate) =>
      candidate.readBy.some((reader) => /sfu/.test(reader)),
    );
    const readers = references.filter((ref) => ref.name === spec?.name);

    expect(
      spec?.readBy.some((reader) => /authori[sz]ation|jwt/.test(reader)),
    ).toBe(true);
    expect(readers.length).toBeGreaterThan(0);
    expect(new Set(readers.map((ref) => `${ref.name}/${ref.key}`)).size).toBe(
      1,
    );
  });

  it("declares every referenced Secret", () => {
    const declared = new Set(
      Object.values(stack.secrets).map((spec) => spec.name),
    );
    const generatedByCharts = references.filter(
      (ref) => !declared.has(ref.name),
    );

    expect(generatedByCharts).toEqual([]);
  });
});
