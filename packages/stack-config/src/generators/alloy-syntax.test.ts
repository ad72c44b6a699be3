import { describe, expect, it } from "vitest";
import {
  AlloyReference,
  escapeHelmTemplate,
  formatAlloyConfig,
  ref,
} from "./alloy-syntax.js";

describe("formatAlloyConfig", () => {
  it("writes a labelled block with attributes", () => {
    const text = formatAlloyConfig([
      {
        name: "loki.write",
        label: "default",
        attributes: { max_streams: 10, enabled: true },
        blocks: [{ name: "endpoint", attributes: { url: "http://l:3100" } }],
      },
    ]);

    expect(text).toBe(
      [
        'loki.write "default" {',
        "  max_streams = 10",
        "  enabled = true",
        "  endpoint {",
        '    url = "http://l:3100"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes references without quotes", () => {
    const text = formatAlloyConfig([
      {
        name: "prometheus.scrape",
        label: "a",
        attributes: { forward_to: [ref("prometheus.remote_write.x.receiver")] },
      },
    ]);

    expect(text).toContain("forward_to = [prometheus.remote_write.x.receiver]");
  });

  it("quotes object keys that are not identifiers", () => {
    const text = formatAlloyConfig([
      {
        name: "b",
        attributes: { labels: { "app.kubernetes.io/name": "x", job: "y" } },
      },
    ]);

    expect(text).toContain('    "app.kubernetes.io/name" = "x",');
    expect(text).toContain('    job = "y",');
  });

  it("escapes quotes and backslashes in strings", () => {
    const text = formatAlloyConfig([
      { name: "b", attributes: { regex: 'a"b\\d' } },
    ]);

    expect(text).toContain('regex = "a\\"b\\\\d"');
  });

  it("separates blocks by one blank line", () => {
    const text = formatAlloyConfig([
      { name: "a", label: "x" },
      { name: "b", label: "y" },
    ]);

    expect(text).toBe('a "x" {\n}\n\nb "y" {\n}\n');
  });
});

describe("ref", () => {
  it.each(["receiver", "a..b", "a.b c", 'a.b"'])("rejects %s", (path) => {
    expect(() => ref(path)).toThrow(`invalid Alloy reference "${path}"`);
  });

  it("accepts a component export", () => {
    expect(ref("discovery.kubernetes.pods.targets")).toBeInstanceOf(
      AlloyReference,
    );
  });
});

describe("escapeHelmTemplate", () => {
  it.each([
    ["no delimiters", "a = 1", "a = 1"],
    ["one delimiter", 'x = "{{ y }}"', 'x = "{{ "{{" }} y }}"'],
    ["three braces", "{{{", '{{ "{{" }}{'],
  ])("%s", (_name, input, expected) => {
    expect(escapeHelmTemplate(input)).toBe(expected);
  });
});
