import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createMissingSecrets,
  DEVELOPMENT_RECIPIENT,
  plannedSecretFiles,
  rotateSecret,
  type SecretFile,
  type SecretSpec,
  type StackConfig,
} from "@axion-stack/stack-config";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  createAgeKey,
  createTestRepository,
  decrypt,
  snapshotTree,
  type TestRepository,
} from "./harness.js";

const CONFIG: StackConfig = {
  serverName: "example.test",
  cluster: { name: "test" },
};

interface PlainSecret {
  metadata: { name: string; namespace: string };
  stringData: Record<string, string>;
}

/** Returns the values of a decrypted Secret, leaving out `fixed` ones. */
function secretValues(file: SecretFile, secret: PlainSecret): string[] {
  return Object.entries(secret.stringData)
    .filter(([key]) => file.spec.keys[key]?.value.kind !== "fixed")
    .map(([, value]) => value);
}

function decryptSecret(repo: TestRepository, path: string): PlainSecret {
  return parse(decrypt(repo, join("flux", path))) as PlainSecret;
}

/** Runs `fn` with sops unable to find any age identity. */
async function withoutAgeIdentity<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  const emptyConfig = mkdtempSync(join(tmpdir(), "axion-empty-"));
  process.env.SOPS_AGE_KEY_FILE = join(emptyConfig, "no-such.agekey");
  delete process.env.SOPS_AGE_KEY;
  process.env.XDG_CONFIG_HOME = emptyConfig;
  try {
    return await fn();
  } finally {
    process.env = saved;
    rmSync(emptyConfig, { recursive: true, force: true });
  }
}

describe("createMissingSecrets", () => {
  let repo: TestRepository;

  beforeEach(async () => {
    repo = createTestRepository(CONFIG);
    await createMissingSecrets(repo.context);
  });

  afterEach(() => {
    repo.remove();
  });

  it("writes a file sops decrypts for every declared Secret", () => {
    const planned = plannedSecretFiles(repo.context.stack);
    expect(planned.length).toBeGreaterThanOrEqual(4);

    for (const file of planned) {
      const secret = decryptSecret(repo, file.path);
      expect(secret.metadata.name).toBe(file.spec.name);
      expect(secret.metadata.namespace).toBe(file.namespace);
      expect(Object.keys(secret.stringData).sort()).toEqual(
        Object.keys(file.spec.keys).sort(),
      );
      for (const [key, value] of Object.entries(secret.stringData)) {
        if (file.spec.keys[key]?.value.kind !== "fixed") {
          expect(value.length, key).toBeGreaterThanOrEqual(32);
        }
      }
    }
  });

  it("encrypts only stringData", () => {
    const [file] = plannedSecretFiles(repo.context.stack);
    const text = readFileSync(join(repo.treeRoot, file!.path), "utf8");
    const document = parse(text) as {
      kind: string;
      metadata: { name: string };
      stringData: Record<string, string>;
      sops: { encrypted_regex: string; age: { recipient: string }[] };
    };

    expect(document.kind).toBe("Secret");
    expect(document.metadata.name).toBe(file!.spec.name);
    expect(document.sops.encrypted_regex).toBe("^(data|stringData)$");
    expect(document.sops.age[0]?.recipient).toBe(repo.recipient);
    for (const value of Object.values(document.stringData)) {
      expect(value).toMatch(/^ENC\[AES256_GCM,data:/);
    }
  });

  it("lists every file in the kustomization", () => {
    const text = readFileSync(
      join(repo.treeRoot, "secrets/kustomization.yaml"),
      "utf8",
    );
    const resources = (parse(text) as { resources: string[] }).resources;
    const expected = plannedSecretFiles(repo.context.stack).map((file) =>
      file.path.replace(/^secrets\//, ""),
    );

    expect(resources).toEqual(expected);
  });

  it("changes no byte on a second run", async () => {
    const before = snapshotTree(repo.root);
    const summary = await createMissingSecrets(repo.context);
    const after = snapshotTree(repo.root);

    expect(summary.created).toEqual([]);
    expect(summary.completed).toEqual([]);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) {
      expect(after.get(path)?.equals(bytes), path).toBe(true);
    }
  });

  it("writes one value to both namespaces of a shared Secret", () => {
    const files = plannedSecretFiles(repo.context.stack).filter(
      (file) => file.id === "oidcClientSecret",
    );
    const namespaces = files.map((file) => file.namespace).sort();
    const values = files.map(
      (file) => decryptSecret(repo, file.path).stringData["client-secret"],
    );

    expect(namespaces).toEqual(["authentik", "matrix"]);
    expect(values[0]).toBeDefined();
    expect(values[1]).toBe(values[0]);
  });

  it("rejects a tampered value through the MAC", () => {
    const path = join(repo.treeRoot, "secrets/matrix/matrix-oidc-client.yaml");
    const text = readFileSync(path, "utf8");
    const tampered = text.replace(
      /(client-secret: ENC\[AES256_GCM,data:)(.)/,
      (_match, prefix: string, first: string) =>
        prefix + (first === "A" ? "B" : "A"),
    );
    expect(tampered).not.toBe(text);
    writeFileSync(path, tampered);

    expect(() =>
      decrypt(repo, "flux/secrets/matrix/matrix-oidc-client.yaml"),
    ).toThrow();
  });

  it("rejects a tampered plain field through the MAC", () => {
    const path = join(repo.treeRoot, "secrets/matrix/matrix-oidc-client.yaml");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace("namespace: matrix", "namespace: other"));

    let message = "";
    try {
      decrypt(repo, "flux/secrets/matrix/matrix-oidc-client.yaml");
    } catch (error) {
      message = String((error as { stderr?: string }).stderr);
    }
    expect(message).toMatch(/MAC mismatch/);
  });

  it("rejects decryption with another age key", () => {
    const otherKey = join(repo.root, "other.agekey");
    createAgeKey(otherKey);

    expect(() =>
      decrypt(repo, "flux/secrets/matrix/matrix-oidc-client.yaml", otherKey),
    ).toThrow();
  });

  it("leaves no plain value in the tree or the log", () => {
    const values = plannedSecretFiles(repo.context.stack).flatMap((file) =>
      secretValues(file, decryptSecret(repo, file.path)),
    );
    const haystacks = [
      ...[...snapshotTree(repo.root).values()].map((bytes) =>
        bytes.toString("utf8"),
      ),
      repo.lines.join("\n"),
    ];

    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      const forms = [value, Buffer.from(value).toString("base64")];
      for (const haystack of haystacks) {
        for (const form of forms) {
          expect(haystack.includes(form)).toBe(false);
        }
      }
    }
  });

  it("restores a deleted namespace copy with the same value", async () => {
    const matrixPath = "secrets/matrix/matrix-oidc-client.yaml";
    const before = decryptSecret(repo, matrixPath).stringData["client-secret"];
    rmSync(join(repo.treeRoot, matrixPath));

    process.env.SOPS_AGE_KEY_FILE = repo.keyFile;
    try {
      const summary = await createMissingSecrets(repo.context);
      expect(summary.created).toEqual([matrixPath]);
    } finally {
      delete process.env.SOPS_AGE_KEY_FILE;
    }
    expect(decryptSecret(repo, matrixPath).stringData["client-secret"]).toBe(
      before,
    );
  });

  it("explains a missing age key when a copy must be restored", async () => {
    rmSync(join(repo.treeRoot, "secrets/matrix/matrix-oidc-client.yaml"));

    await expect(
      withoutAgeIdentity(() => createMissingSecrets(repo.context)),
    ).rejects.toThrow(/SOPS_AGE_KEY_FILE.*secrets rotate/s);
  });

  it("rejects a plain-text Secret file", async () => {
    const path = join(repo.treeRoot, "secrets/matrix/matrix-oidc-client.yaml");
    writeFileSync(path, "apiVersion: v1\nkind: Secret\nstringData:\n  a: b\n");

    await expect(createMissingSecrets(repo.context)).rejects.toThrow(
      /is not SOPS-encrypted/,
    );
  });

  it("reports a file no Secret declares", async () => {
    const stray = join(repo.treeRoot, "secrets/matrix/old.yaml");
    writeFileSync(
      stray,
      readFileSync(
        join(repo.treeRoot, "secrets/matrix/matrix-oidc-client.yaml"),
      ),
    );

    const summary = await createMissingSecrets(repo.context);

    expect(summary.orphans).toEqual(["secrets/matrix/old.yaml"]);
    expect(repo.lines.some((line) => line.includes("old.yaml"))).toBe(true);
  });
});

describe("createMissingSecrets development key", () => {
  it("warns about the development age key", async () => {
    const repo = createTestRepository(CONFIG);
    writeFileSync(
      join(repo.root, ".sops.yaml"),
      "creation_rules:\n" +
        "  - path_regex: ^flux/secrets/\n" +
        "    encrypted_regex: ^(data|stringData)$\n" +
        `    age: ${DEVELOPMENT_RECIPIENT}\n`,
    );

    await createMissingSecrets(repo.context);

    expect(repo.lines.join("\n")).toMatch(
      /warning: \.sops\.yaml lists axion-stack's development age key/,
    );
    repo.remove();
  });
});

describe("createMissingSecrets provided values", () => {
  const THIRD_PARTY: SecretSpec = {
    namespaces: ["matrix"],
    name: "third-party",
    keys: {
      token: {
        description: "Token that a third party issues",
        value: { kind: "provided", variable: "AXION_TEST_PROVIDED_TOKEN" },
      },
      user: {
        description: "User name beside the token",
        value: { kind: "fixed", value: "axion" },
      },
    },
    readBy: ["test"],
  };

  function withThirdParty(repo: TestRepository): TestRepository {
    const stack = repo.context.stack;
    const secrets = { thirdParty: THIRD_PARTY };
    return {
      ...repo,
      context: { ...repo.context, stack: { ...stack, secrets } },
    };
  }

  it("names the unset variable", async () => {
    const repo = withThirdParty(createTestRepository(CONFIG));
    delete process.env.AXION_TEST_PROVIDED_TOKEN;

    await expect(createMissingSecrets(repo.context)).rejects.toThrow(
      /\$AXION_TEST_PROVIDED_TOKEN, which is not set/,
    );
    repo.remove();
  });

  it("writes the provided and fixed values", async () => {
    const repo = withThirdParty(createTestRepository(CONFIG));
    process.env.AXION_TEST_PROVIDED_TOKEN = "issued-by-the-provider";
    try {
      await createMissingSecrets(repo.context);
    } finally {
      delete process.env.AXION_TEST_PROVIDED_TOKEN;
    }
    const secret = decryptSecret(repo, "secrets/matrix/third-party.yaml");

    expect(secret.stringData).toEqual({
      token: "issued-by-the-provider",
      user: "axion",
    });
    repo.remove();
  });
});

describe("rotateSecret", () => {
  it("replaces a shared value in every namespace", async () => {
    const repo = createTestRepository(CONFIG);
    await createMissingSecrets(repo.context);
    const paths = [
      "secrets/authentik/matrix-oidc-client.yaml",
      "secrets/matrix/matrix-oidc-client.yaml",
    ];
    const read = () =>
      paths.map(
        (path) => decryptSecret(repo, path).stringData["client-secret"],
      );
    const before = read();

    const rotated = await rotateSecret(repo.context, "oidcClientSecret");
    const after = read();

    expect(rotated).toEqual(paths);
    expect(after[0]).toBe(after[1]);
    expect(after[0]).not.toBe(before[0]);
    repo.remove();
  });

  it.each(["nope", "constructor", "__proto__"])(
    "rejects the unknown id %s with the declared ids",
    async (id) => {
      const repo = createTestRepository(CONFIG);

      await expect(rotateSecret(repo.context, id)).rejects.toThrow(
        `no declared Secret has the id "${id}"; declared ids: `,
      );
      repo.remove();
    },
  );
});
