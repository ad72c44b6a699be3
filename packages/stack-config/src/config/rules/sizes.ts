/**
 * Rules on sizes that Synapse enforces, where a value the schema accepts
 * can still block every user.
 */
import { DEFAULTS } from "../defaults.js";
import type { ConfigRule } from "../rules.js";

const PATH = "ess.synapse.maxUploadSize";

/** Synapse's suffixes, which it reads as powers of 1024. */
const UNIT_BYTES: Record<string, bigint> = {
  "": 1n,
  K: 1024n,
  M: 1024n ** 2n,
  G: 1024n ** 3n,
};

const MEBIBYTE = UNIT_BYTES.M!;

/**
 * Returns the byte count of a size such as `100M`, or undefined when the
 * text does not match the schema's pattern.
 */
export function uploadSizeBytes(size: string): bigint | undefined {
  const match = /^([0-9]+)([KMG]?)$/.exec(size);
  if (match === null) {
    return undefined;
  }
  return BigInt(match[1]!) * UNIT_BYTES[match[2]!]!;
}

export const maxUploadSizeRule: ConfigRule = {
  name: "max-upload-size",
  description:
    "ess.synapse.maxUploadSize is above zero, because Synapse rejects " +
    "every upload at 0. A size under 1M is a warning, because it rejects " +
    "most photos and voice messages.",
  reads: ["ess.synapse"],
  check(config) {
    const synapse = config.ess?.synapse ?? {};
    const size = synapse.maxUploadSize ?? DEFAULTS.ess.synapse.maxUploadSize;
    const bytes = uploadSizeBytes(size);
    if (bytes === undefined || bytes >= MEBIBYTE) {
      return [];
    }
    if (bytes === 0n) {
      return [
        {
          path: PATH,
          value: size,
          message: "is zero, so Synapse rejects every upload",
          allowed: "a size above zero, such as 100M",
          fix: `set ${PATH} to a size such as 100M`,
        },
      ];
    }
    return [
      {
        severity: "warning",
        path: PATH,
        value: size,
        message: "is under 1M, so Synapse rejects most photos and files",
        allowed: "a size of 1M or more, such as 100M",
        fix: `raise ${PATH} to 1M or more, such as 100M`,
      },
    ];
  },
};
