import { generateAuthentik } from "./authentik.js";
import type { Generator } from "./types.js";

/**
 * Every component generator, in the order their manifests are listed.
 * A generator returns no manifests when its component is switched off.
 */
export const GENERATORS: Record<string, Generator> = {
  authentik: generateAuthentik,
};
