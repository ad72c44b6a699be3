/**
 * Authentik blueprints (format version 1) as typed data: the entries that
 * axion-stack emits and the YAML tags Authentik resolves when it applies a
 * blueprint. Model and attribute names follow Authentik's blueprint schema
 * (`blueprints/schema.json`, checked against 2025.12.0-rc1).
 */

/**
 * `!KeyOf <id>`: the primary key of the object that an earlier entry of
 * the same blueprint, with that `id`, created or found.
 */
export class KeyOfTag {
  constructor(readonly id: string) {}
}

/**
 * `!Find [<model>, [<field>, <value>], ...]`: the primary key of the first
 * existing object of `model` that matches every field.
 */
export class FindTag {
  constructor(
    readonly model: string,
    readonly query: readonly (readonly [string, string])[],
  ) {}
}

/**
 * `!Env <name>` or `!Env [<name>, <default>]`: an environment variable of
 * the Authentik worker that applies the blueprint.
 */
export class EnvTag {
  constructor(
    readonly name: string,
    readonly fallback?: string,
  ) {}
}

/** A YAML tag that Authentik resolves at apply time. */
export type BlueprintTag = KeyOfTag | FindTag | EnvTag;

/** A value in a blueprint entry: JSON or a tag. */
export type BlueprintValue =
  | string
  | number
  | boolean
  | null
  | BlueprintTag
  | BlueprintValue[]
  | { [key: string]: BlueprintValue };

/** Action Authentik takes on an entry's object. */
export type BlueprintEntryState =
  /** Create the object, or update the attributes listed in `attrs`. */
  | "present"
  /** Create the object once; never change it afterwards. */
  | "created"
  /** Create the object; fail when it already exists. */
  | "must_created"
  /** Delete the object. */
  | "absent";

/** One object of a blueprint. */
export interface BlueprintEntry {
  /** `<app label>.<model name>`, such as `authentik_core.application`. */
  model: string;
  /** Name that `!KeyOf` uses to refer to this entry's object. */
  id?: string;
  state?: BlueprintEntryState;
  /**
   * Fields that find the existing object; also set when it is created.
   * Every model but `authentik_blueprints.metaapplyblueprint` needs them.
   */
  identifiers?: { [key: string]: BlueprintValue };
  /** Fields set on the object. */
  attrs?: { [key: string]: BlueprintValue };
}

/** A blueprint file as Authentik reads it. */
export interface Blueprint {
  version: 1;
  metadata: {
    /** Name of the blueprint instance; `metaapplyblueprint` finds it. */
    name: string;
    labels?: { [key: string]: string };
  };
  entries: BlueprintEntry[];
}
