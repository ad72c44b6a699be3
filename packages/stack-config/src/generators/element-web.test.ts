import { describe, expect, it } from "vitest";
import type { StackConfig } from "../config/model.js";
import { resolveStack } from "../config/resolve.js";
import {
  elementWebFragments,
  elementWebValues,
  escapeHelmTemplate,
} from "./element-web.js";

function stackWith(overrides: Partial<StackConfig> = {}) {
  return resolveStack({ serverName: "example.org", ...overrides });
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

describe("escapeHelmTemplate", () => {
  it.each([
    { text: "plain", expected: "plain" },
    { text: "a{{b", expected: "a{{`{{`}}b" },
    { text: "}}", expected: "}}" },
  ])("escapes $text", ({ text, expected }) => {
    expect(escapeHelmTemplate(text)).toBe(expected);
  });
});
