/**
 * `SECRETS.md`, the list of Secrets the tree expects to exist in the
 * cluster. It describes each key and never contains a value.
 */
import type { ResolvedStack } from "../config/resolve.js";
import { describeSecretValue, type SecretSpec } from "../config/secrets.js";
import type { Manifest } from "../generators/types.js";

/** Path of the Secret list, at the tree's root. */
export const SECRETS_DOC_PATH = "SECRETS.md";

function describeValue(spec: SecretSpec["keys"][string]): string {
  return describeSecretValue(spec.value);
}

function secretSection(spec: SecretSpec): string[] {
  const lines = [
    `## ${spec.name}`,
    "",
    `- Namespaces: ${spec.namespaces.map((ns) => `\`${ns}\``).join(", ")}`,
    `- Read by: ${spec.readBy.join(", ")}`,
    "",
    "| key | description | value |",
    "| --- | --- | --- |",
  ];
  for (const [key, keySpec] of Object.entries(spec.keys)) {
    const description = keySpec.description.replaceAll("|", "\\|");
    lines.push(`| \`${key}\` | ${description} | ${describeValue(keySpec)} |`);
  }
  lines.push("");
  return lines;
}

/** Renders `SECRETS.md` from the stack's Secret list. */
export function secretsDocument(stack: ResolvedStack): Manifest {
  const specs = Object.values(stack.secrets);
  const intro =
    specs.length === 0
      ? ["This stack expects no Secrets.", ""]
      : [
          "Each Secret below must exist in every namespace listed before " +
            "the components that read it start. A Secret in several " +
            "namespaces holds the same values in each.",
          "",
        ];
  const lines = [
    `# Secrets of ${stack.serverName}`,
    "",
    ...intro,
    ...specs.flatMap(secretSection),
  ];
  return { path: SECRETS_DOC_PATH, text: lines.join("\n") };
}
