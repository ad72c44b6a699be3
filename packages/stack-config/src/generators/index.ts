import { generateAuthentik } from "./authentik.js";
import { generateAuthentikBlueprints } from "./authentik-blueprints.js";
import { generateBackups } from "./backups.js";
import { generateCoturn } from "./coturn.js";
import { generateElementAdmin } from "./element-admin.js";
import { generateElementCall } from "./element-call.js";
import { generateElementWeb } from "./element-web.js";
import { generateEss } from "./ess.js";
import { generateMas } from "./mas.js";
import { generateMonitoring } from "./monitoring.js";
import { generateMatrixRTC } from "./matrix-rtc.js";
import { generateNetworkPolicies } from "./network-policies.js";
import { generatePodSecurity } from "./pod-security.js";
import { generatePostgres } from "./postgres.js";
import { generatePostgresMigration } from "./postgres-migration.js";
import { generateSetupSite } from "./setup-site.js";
import { generateSynapse } from "./synapse.js";
import type { Generator } from "./types.js";
import { generateWellKnown } from "./well-known.js";

/**
 * Every component generator, in the order their manifests are listed.
 * A generator returns no manifests when its component is switched off,
 * except an ESS component's: the chart enables most components by default,
 * so its values ConfigMap then sets `enabled: false`.
 */
export const GENERATORS: Record<string, Generator> = {
  ess: generateEss,
  synapse: generateSynapse,
  matrixAuthenticationService: generateMas,
  elementWeb: generateElementWeb,
  elementCall: generateElementCall,
  elementAdmin: generateElementAdmin,
  matrixRTC: generateMatrixRTC,
  wellKnown: generateWellKnown,
  authentik: generateAuthentik,
  authentikBlueprints: generateAuthentikBlueprints,
  coturn: generateCoturn,
  monitoring: generateMonitoring,
  setupSite: generateSetupSite,
  postgres: generatePostgres,
  networkPolicies: generateNetworkPolicies,
  podSecurity: generatePodSecurity,
  backups: generateBackups,
  postgresMigration: generatePostgresMigration,
};
