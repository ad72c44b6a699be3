/**
 * Rules on which components need which, and on what they are given.
 */
import { DEFAULTS } from "../defaults.js";
import { valueAtPath } from "../paths.js";
import type { ConfigRule, RuleIssue } from "../rules.js";

export const elementAdminNeedsMasRule: ConfigRule = {
  name: "element-admin-needs-mas",
  description:
    "Element Admin logs in through MAS, so it is deployed only with MAS.",
  reads: ["ess.elementAdmin", "ess.matrixAuthenticationService"],
  check(config) {
    const admin = config.ess?.elementAdmin?.enabled;
    const mas =
      config.ess?.matrixAuthenticationService?.enabled ??
      DEFAULTS.ess.matrixAuthenticationService.enabled;
    if (mas || !(admin ?? DEFAULTS.ess.elementAdmin.enabled)) {
      return [];
    }
    return [
      {
        path: "ess.elementAdmin.enabled",
        value: admin,
        message:
          "is on, but Element Admin needs MAS and " +
          "ess.matrixAuthenticationService.enabled is false",
        allowed: "false, or true with MAS enabled",
        fix:
          "set ess.elementAdmin.enabled: false, or remove " +
          "ess.matrixAuthenticationService.enabled: false",
      },
    ];
  },
};

export const elementCallNeedsMatrixRtcRule: ConfigRule = {
  name: "element-call-needs-matrix-rtc",
  description:
    "Element Call places calls through MatrixRTC, so leaving it on with " +
    "ess.matrixRTC.enabled: false is a warning. The well-known then " +
    "publishes no call caps.",
  reads: ["elementCall", "ess.matrixRTC", "ess.elementWeb"],
  check(config) {
    const call = config.elementCall?.enabled;
    const elementWeb = config.ess?.elementWeb?.enabled ?? true;
    const rtc =
      config.ess?.matrixRTC?.enabled ?? DEFAULTS.ess.matrixRTC.enabled;
    if (rtc || !elementWeb || !(call ?? DEFAULTS.elementCall.enabled)) {
      return [];
    }
    // Point at the key the user wrote, so the location has a line.
    const onlyRtcSet = call === undefined;
    return [
      {
        severity: "warning",
        path: onlyRtcSet ? "ess.matrixRTC.enabled" : "elementCall.enabled",
        value: onlyRtcSet ? false : call,
        message: onlyRtcSet
          ? "is false, but Element Call is on by default, so it cannot " +
            "place calls and the well-known publishes no call caps"
          : "is on, but ess.matrixRTC.enabled is false, so Element Call " +
            "cannot place calls and the well-known publishes no call caps",
        allowed: "Element Call and MatrixRTC both on, or Element Call off",
        fix:
          "set elementCall.enabled: false, or remove " +
          "ess.matrixRTC.enabled: false",
      },
    ];
  },
};

const ENDPOINTS = [
  [
    "prometheusUrl",
    "a Prometheus to send metrics to",
    "http://prometheus.example.org:9090",
  ],
  ["lokiUrl", "a Loki to send logs to", "http://loki.example.org:3100"],
] as const;

export const monitoringEndpointsRule: ConfigRule = {
  name: "monitoring-endpoints",
  description:
    "Monitoring ships to an existing Prometheus and Loki, so when it is " +
    "enabled both URLs are set.",
  reads: ["monitoring"],
  check(config) {
    const monitoring = config.monitoring ?? {};
    if (!(monitoring.enabled ?? DEFAULTS.monitoring.enabled)) {
      return [];
    }
    return ENDPOINTS.flatMap(([key, needs, example]): RuleIssue[] => {
      if (monitoring[key] !== undefined) {
        return [];
      }
      const path = `monitoring.${key}`;
      return [
        {
          path,
          value: undefined,
          message: `is not set, but monitoring is enabled and Grafana Alloy needs ${needs}`,
          allowed: "an http:// or https:// base URL",
          fix: `set ${path}, such as "${example}", or set monitoring.enabled: false`,
        },
      ];
    });
  },
};

const IMAGE_KEYS = ["coturn.image", "setupSite.image"];

/** Returns the tag of an image reference, "" when it has none. */
function imageTag(image: string): string {
  const name = image.split("@")[0]!;
  const lastSlash = name.lastIndexOf("/");
  const colon = name.indexOf(":", lastSlash + 1);
  return colon === -1 ? "" : name.slice(colon + 1);
}

/** Returns the image reference without its tag. */
function repository(image: string, tag: string): string {
  return tag === "" ? image : image.slice(0, -(tag.length + 1));
}

export const imagesPinnedRule: ConfigRule = {
  name: "images-pinned",
  description:
    "Container images are pinned by a version tag or digest; a missing or " +
    "`latest` tag is a warning, because the tree would no longer say what runs.",
  reads: IMAGE_KEYS,
  check(config) {
    return IMAGE_KEYS.flatMap((path): RuleIssue[] => {
      const image = valueAtPath(config, path);
      if (typeof image !== "string" || image.includes("@sha256:")) {
        return [];
      }
      const tag = imageTag(image);
      if (tag !== "" && tag !== "latest") {
        return [];
      }
      return [
        {
          path,
          value: image,
          severity: "warning",
          message:
            tag === ""
              ? "has no tag, so it means :latest"
              : "uses the tag latest",
          allowed: "an image reference with a version tag or a digest",
          fix: `pin a version, such as "${repository(image, tag)}:<version>"`,
        },
      ];
    });
  },
};
