/**
 * DNS names as Kubernetes accepts them in Ingress hosts and object names
 * (RFC 1123), with the reason a name is rejected.
 */
import { isIP } from "node:net";

/** One DNS label: lower-case letters, digits and `-`, at most 63. */
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Longest DNS name, in characters. */
export const MAX_DNS_NAME_LENGTH = 253;

/** Accepted form of a public host name, for `allowed`. */
export const DNS_NAME_ALLOWED =
  "a lower-case DNS name of two or more labels (letters, digits and '-', " +
  "at most 63 characters each, 253 in all), such as matrix.example.org";

/** A reason a name is rejected and, when it is clear, the corrected name. */
export interface NameProblem {
  reason: string;
  suggestion?: string;
}

function portProblem(name: string): NameProblem | undefined {
  const match = /^(.*):(\d+)$/.exec(name);
  if (match === null || isIP(name) !== 0) {
    return undefined;
  }
  return {
    reason: `it contains the port ":${match[2]}"`,
    suggestion: match[1],
  };
}

function labelProblem(labels: string[]): NameProblem | undefined {
  if (labels.length < 2) {
    return {
      reason:
        "it has a single label, and public TLS certificates need a domain",
    };
  }
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return {
      reason:
        bad === ""
          ? "it contains an empty label (two dots in a row)"
          : `its label "${bad}" is not a valid DNS label`,
    };
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) {
    return { reason: "its last label is numeric, which no domain is" };
  }
  return undefined;
}

/**
 * Returns why `name` is not a valid public DNS name for an Ingress host or
 * a Matrix server name, or undefined when it is valid.
 */
export function dnsNameProblem(name: string): NameProblem | undefined {
  if (name === "") {
    return { reason: "it is empty" };
  }
  if (isIP(name) !== 0) {
    return { reason: "it is an IP address, and Ingress hosts must be names" };
  }
  const withPort = portProblem(name);
  if (withPort !== undefined) {
    return withPort;
  }
  if (name.startsWith("*.")) {
    return { reason: "it is a wildcard", suggestion: name.slice(2) };
  }
  if (name !== name.toLowerCase()) {
    return {
      reason: "it contains upper-case letters",
      suggestion: name.toLowerCase(),
    };
  }
  if (name.endsWith(".")) {
    return { reason: "it ends with a dot", suggestion: name.slice(0, -1) };
  }
  if (name.length > MAX_DNS_NAME_LENGTH) {
    return {
      reason: `it is ${name.length} characters long, more than ${MAX_DNS_NAME_LENGTH}`,
    };
  }
  return labelProblem(name.split("."));
}

/** True for a DNS-1123 subdomain, the format of most Kubernetes names. */
export function isDnsSubdomain(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_DNS_NAME_LENGTH &&
    name.split(".").every((label) => LABEL.test(label))
  );
}
