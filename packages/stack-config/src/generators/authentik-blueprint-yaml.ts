/**
 * Blueprint YAML with Authentik's tags. The `yaml` library writes a tag
 * in front of any node, so each tag class becomes a scalar or a flow
 * sequence carrying `!KeyOf`, `!Find` or `!Env`. Parsing maps them back.
 */
import {
  type Blueprint,
  type BlueprintValue,
  EnvTag,
  FindTag,
  KeyOfTag,
} from "@axion-stack/values-schemas";
import { Document, type Node, parse, type Tags, YAMLMap, YAMLSeq } from "yaml";

function tagNode(doc: Document, value: KeyOfTag | FindTag | EnvTag): Node {
  let node: Node;
  if (value instanceof KeyOfTag) {
    node = doc.createNode(value.id);
    node.tag = "!KeyOf";
  } else if (value instanceof FindTag) {
    const items = [value.model, ...value.query.map((pair) => [...pair])];
    node = doc.createNode(items, { flow: true });
    node.tag = "!Find";
  } else {
    const items =
      value.fallback === undefined ? value.name : [value.name, value.fallback];
    node = doc.createNode(items, { flow: true });
    node.tag = "!Env";
  }
  return node;
}

function toNode(doc: Document, value: BlueprintValue): Node {
  if (
    value instanceof KeyOfTag ||
    value instanceof FindTag ||
    value instanceof EnvTag
  ) {
    return tagNode(doc, value);
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map((item) => toNode(doc, item));
    return seq;
  }
  if (value !== null && typeof value === "object") {
    const map = new YAMLMap();
    for (const [key, inner] of Object.entries(value)) {
      map.add(doc.createPair(key, toNode(doc, inner)));
    }
    return map;
  }
  return doc.createNode(value);
}

/** Serialises a blueprint, with a comment line above it. */
export function blueprintYaml(blueprint: Blueprint, comment: string): string {
  const doc = new Document();
  doc.contents = toNode(doc, blueprint as unknown as BlueprintValue);
  doc.commentBefore = ` ${comment}`;
  return doc.toString({ lineWidth: 0 });
}

function text(value: unknown): string {
  return String(value);
}

/** The custom tags Authentik blueprints use, for `yaml`'s parser. */
export const BLUEPRINT_TAGS: Tags = [
  { tag: "!KeyOf", resolve: (id: string) => new KeyOfTag(id) },
  {
    tag: "!Env",
    resolve: (name: string) => new EnvTag(name),
  },
  {
    tag: "!Env",
    collection: "seq",
    resolve: (seq) => {
      const [name, fallback] = (seq as YAMLSeq).toJSON() as unknown[];
      return new EnvTag(
        text(name),
        fallback === undefined ? undefined : text(fallback),
      );
    },
  },
  {
    tag: "!Find",
    collection: "seq",
    resolve: (seq) => {
      const [model, ...query] = (seq as YAMLSeq).toJSON() as unknown[];
      const pairs = (query as unknown[][]).map(
        ([field, value]) => [text(field), text(value)] as const,
      );
      return new FindTag(text(model), pairs);
    },
  },
];

/** Parses blueprint YAML, turning its tags back into tag objects. */
export function parseBlueprintYaml(source: string): Blueprint {
  return parse(source, { customTags: BLUEPRINT_TAGS }) as Blueprint;
}
