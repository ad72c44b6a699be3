/**
 * Rules on network addresses: the IP the SFU and coturn advertise, and the
 * URLs of services outside the stack.
 */
import { BlockList, isIP } from "node:net";
import { DEFAULTS } from "../defaults.js";
import { REDACTED } from "../errors.js";
import { valueAtPath } from "../paths.js";
import type { ConfigRule, RuleIssue } from "../rules.js";

/** Address blocks by what they mean for clients on the internet. */
const BLOCKS = {
  unspecified: ["0.0.0.0/8", "::/128"],
  multicast: ["224.0.0.0/4", "255.255.255.255/32", "ff00::/8"],
  loopback: ["127.0.0.0/8", "::1/128"],
  "link-local": ["169.254.0.0/16", "fe80::/10"],
  // 100.64.0.0/10 is carrier-grade NAT space: private in practice.
  private: [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "fc00::/7",
  ],
  documentation: [
    "192.0.2.0/24",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "2001:db8::/32",
  ],
} as const;

type AddressClass = keyof typeof BLOCKS | "public";

const BLOCK_LISTS = Object.entries(BLOCKS).map(([name, subnets]) => {
  const list = new BlockList();
  for (const subnet of subnets) {
    const [network, prefix] = subnet.split("/");
    list.addSubnet(
      network!,
      Number(prefix),
      isIP(network!) === 6 ? "ipv6" : "ipv4",
    );
  }
  return [name as AddressClass, list] as const;
});

/** Classifies a valid IP address. */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  const match = BLOCK_LISTS.find(([, list]) => list.check(address, family));
  return match?.[0] ?? "public";
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

const ADDRESS_ALLOWED =
  "a public IPv4 or IPv6 address; private, loopback and link-local " +
  "addresses only with cluster.clientsOnLan: true";

function addressIssue(
  path: string,
  address: string,
  lan: boolean,
): RuleIssue | undefined {
  const base = { path, value: address, allowed: ADDRESS_ALLOWED };
  if (isIP(address) === 0) {
    return {
      ...base,
      message: "is not an IP address",
      fix: `set ${path} to the node's public IP address, such as "203.0.113.10"`,
    };
  }
  const kind = classifyAddress(address);
  if (kind === "unspecified" || kind === "multicast") {
    return {
      ...base,
      message: `is ${article(kind)} ${kind} address, which no client can connect to`,
      fix: `set ${path} to the node's public IP address`,
    };
  }
  if (kind === "documentation") {
    return {
      ...base,
      severity: "warning",
      message: "is reserved for documentation, so no client can reach it",
      fix: `set ${path} to the node's real public IP address`,
    };
  }
  if (kind !== "public" && !lan) {
    return {
      ...base,
      message: `is ${article(kind)} ${kind} address, which clients outside the LAN cannot reach`,
      fix: `set ${path} to the node's public IP address, or set cluster.clientsOnLan: true if every client is on the LAN`,
    };
  }
  return undefined;
}

export const advertisedIpRule: ConfigRule = {
  name: "advertised-ip",
  description:
    "The addresses advertised to clients (cluster.publicIP, the SFU's " +
    "manualIP) are public, unless cluster.clientsOnLan says every client " +
    "is on the LAN.",
  reads: [
    "cluster.publicIP",
    "cluster.clientsOnLan",
    "ess.matrixRTC.sfu.manualIP",
  ],
  check(config) {
    const lan = config.cluster?.clientsOnLan ?? DEFAULTS.cluster.clientsOnLan;
    const candidates: [string, string | undefined][] = [
      ["cluster.publicIP", config.cluster?.publicIP],
      ["ess.matrixRTC.sfu.manualIP", config.ess?.matrixRTC?.sfu?.manualIP],
    ];
    return candidates.flatMap(([path, address]) => {
      const issue =
        address === undefined ? undefined : addressIssue(path, address, lan);
      return issue === undefined ? [] : [issue];
    });
  },
};

// NOTE: ESS 26.8.1 added sfu.nodeIPSource, which without STUN or a manual
// IP advertises the node's host IP. That address reaches clients only when
// the node holds its public address on an interface, which the config
// cannot tell, so this rule asks for an explicit address on every version.
export const advertisedAddressRule: ConfigRule = {
  name: "sfu-address",
  description:
    "With STUN discovery off, the SFU needs manualIP or cluster.publicIP; " +
    "otherwise it advertises only cluster-internal addresses.",
  reads: ["ess.matrixRTC", "cluster.publicIP"],
  check(config) {
    const rtc = config.ess?.matrixRTC ?? {};
    const sfu = rtc.sfu ?? {};
    const stun =
      sfu.useStunToDiscoverPublicIP ??
      DEFAULTS.ess.matrixRTC.sfu.useStunToDiscoverPublicIP;
    const enabled = rtc.enabled ?? DEFAULTS.ess.matrixRTC.enabled;
    if (
      !enabled ||
      stun ||
      sfu.manualIP !== undefined ||
      config.cluster?.publicIP !== undefined
    ) {
      return [];
    }
    return [
      {
        path: "ess.matrixRTC.sfu.useStunToDiscoverPublicIP",
        value: sfu.useStunToDiscoverPublicIP,
        message:
          "is off, but neither ess.matrixRTC.sfu.manualIP nor " +
          "cluster.publicIP is set, so the SFU has no public address to advertise",
        allowed:
          "true, or false with cluster.publicIP or ess.matrixRTC.sfu.manualIP set",
        fix:
          "set cluster.publicIP to the node's public IP address, or set " +
          "ess.matrixRTC.sfu.useStunToDiscoverPublicIP: true to ask a public STUN server",
      },
    ];
  },
};

interface UrlKey {
  path: string;
  /**
   * Reject http, because a browser loads the URL from an https page, or
   * for the reason in `httpsReason`.
   */
  httpsOnly: boolean;
  example: string;
  /** Why http is rejected, when it is not the browser's mixed content. */
  httpsReason?: string;
}

const URL_KEYS: UrlKey[] = [
  {
    path: "monitoring.prometheusUrl",
    httpsOnly: false,
    example: "http://prometheus.example.org:9090",
  },
  {
    path: "monitoring.lokiUrl",
    httpsOnly: false,
    example: "http://loki.example.org:3100",
  },
  {
    path: "privacy.bugReportEndpointUrl",
    httpsOnly: true,
    example: "https://rageshake.example.org/api/submit",
  },
  {
    path: "privacy.mapStyleUrl",
    httpsOnly: true,
    example: "https://maps.example.org/style.json",
  },
  {
    path: "setupSite.elementDesktop.downloadBaseUrl",
    httpsOnly: true,
    example: "https://packages.element.io",
  },
  {
    path: "backups.objectStore.endpointURL",
    httpsOnly: true,
    example: "https://s3.eu-central-003.backblazeb2.com",
    httpsReason:
      "uses http, which would send the S3 credentials and the backups " +
      "unencrypted to the off-site storage",
  },
];

/** Replaces the password in a URL's user info, so output never shows it. */
function withoutPassword(text: string): string {
  return text.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i,
    `$1:${REDACTED}@`,
  );
}

function urlProblem(
  text: string,
  key: UrlKey,
): Pick<RuleIssue, "message" | "fix"> | undefined {
  const replace = `set ${key.path} to a URL such as "${key.example}"`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { message: "is not a valid absolute URL", fix: replace };
  }
  if (/\s/.test(text)) {
    return {
      message: "contains whitespace",
      fix: "remove the whitespace or encode it as %20",
    };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      message: `uses the scheme "${url.protocol.slice(0, -1)}" instead of http or https`,
      fix: replace,
    };
  }
  if (key.httpsOnly && url.protocol === "http:") {
    return {
      message:
        key.httpsReason ??
        "uses http, but Element loads it from an https page and browsers block such mixed content",
      fix: `serve it over https and write "https://${url.host}${url.pathname}${url.search}"`,
    };
  }
  if (url.username !== "" || url.password !== "") {
    return {
      message:
        "contains credentials, which would be committed to Git in plain text",
      fix: "remove the user name and password from the URL",
    };
  }
  return undefined;
}

export const urlsRule: ConfigRule = {
  name: "urls",
  description:
    "URLs are absolute http(s) URLs without credentials; those that " +
    "browsers fetch from Element's https pages use https.",
  reads: URL_KEYS.map((key) => key.path),
  check(config) {
    return URL_KEYS.flatMap((key) => {
      const value = valueAtPath(config, key.path);
      const problem =
        typeof value === "string" ? urlProblem(value, key) : undefined;
      if (problem === undefined) {
        return [];
      }
      const scheme = key.httpsOnly ? "https://" : "http:// or https://";
      return [
        {
          path: key.path,
          value: withoutPassword(value as string),
          ...problem,
          allowed: `an absolute ${scheme} URL without user name or password`,
        },
      ];
    });
  },
};
