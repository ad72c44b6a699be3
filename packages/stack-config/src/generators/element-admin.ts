/**
 * Element Admin, the server administration web app. It logs in through
 * MAS, so the chart cannot run it without MAS.
 */
import type { ElementAdminSection } from "@axion-stack/values-schemas";
import type { ResolvedStack } from "../config/resolve.js";
import { DISABLED, essValuesManifest } from "./ess.js";
import type { Generator } from "./types.js";

/** Builds the `elementAdmin` values. */
export function elementAdminValues(stack: ResolvedStack): ElementAdminSection {
  const { elementAdmin, matrixAuthenticationService } = stack.ess;
  if (!elementAdmin.enabled) {
    return DISABLED;
  }
  if (!matrixAuthenticationService.enabled) {
    throw new Error(
      "ess.elementAdmin.enabled is true but " +
        "ess.matrixAuthenticationService.enabled is false: Element Admin " +
        "logs in through MAS. Enable MAS or set ess.elementAdmin.enabled " +
        "to false.",
    );
  }

  return { enabled: true, ingress: { host: stack.hosts.elementAdmin } };
}

/** Renders the `elementAdmin` values ConfigMap of the ESS release. */
export const generateElementAdmin: Generator = (stack) => [
  essValuesManifest(stack, "element-admin", {
    elementAdmin: elementAdminValues(stack),
  }),
];
