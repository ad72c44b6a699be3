export { defineStack } from "./config/define.js";
export type * from "./config/model.js";
export { resolveStack, type ResolvedStack } from "./config/resolve.js";
export type { SecretSpec } from "./config/secrets.js";
export type { Generator, JsonObject, Manifest } from "./generators/types.js";
export * from "./secrets/index.js";
export {
  defaultProviderId,
  ENROLLMENT_FLOW_SLUG,
  type ResolvedSso,
  SSO_APPLICATION_SLUG,
  ULID_PATTERN,
} from "./config/sso.js";
export { authentikValues, generateAuthentik } from "./generators/authentik.js";
export { renderConfig, type Render, type RenderOptions } from "./pipeline.js";
export { writeTree } from "./writer/write.js";
export {
  checkManifests,
  formatOutputIssue,
  OutputCheckError,
  type OutputIssue,
} from "./check/index.js";
export { buildSkeleton } from "./flux/skeleton.js";
export { main as runCli } from "./cli/main.js";
export { packageVersion } from "./cli/version.js";
export { formatChanges } from "./writer/diff.js";
export { planChanges } from "./writer/tree.js";
export { completeTree } from "./writer/write.js";
export type { RenderedFile } from "./writer/serialise.js";
export { generateCoturn } from "./generators/coturn.js";
export {
  renderTurnServerConf,
  turnServerConfig,
} from "./generators/coturn-config.js";
export {
  type ConfigIssue,
  ConfigLoadError,
  ConfigValidationError,
  formatIssues,
} from "./config/errors.js";
export { CONFIG_EXTENSIONS, loadConfig } from "./config/load.js";
export { validateConfig, type ValidationResult } from "./config/validate.js";
export {
  CONFIG_RULES,
  type ConfigRule,
  type RuleIssue,
} from "./config/rules.js";
export {
  CONFIG_SCHEMA_URL,
  listConfigKeys,
  loadConfigSchema,
  type JsonSchema,
} from "./config/schema.js";
export { alloyValues } from "./generators/alloy.js";
export { renderAlloyConfig } from "./generators/alloy-config.js";
export { kubeStateMetricsValues } from "./generators/kube-state-metrics.js";
export { generateMonitoring } from "./generators/monitoring.js";
export { nodeExporterValues } from "./generators/node-exporter.js";
export {
  generateNetworkPolicies,
  networkPolicyManifests,
} from "./generators/network-policies.js";
export {
  CHECKED_TABLES,
  restoreCheckScript,
} from "./generators/restore-drill-check.js";
export { GENERATORS } from "./generators/index.js";
export { generateRestoreDrill } from "./generators/restore-drill.js";
export {
  EMBEDDED_DATABASES,
  migrationScript,
} from "./generators/postgres-migration.js";
export {
  clusterValues,
  generatePostgres,
  operatorValues,
  pluginValues,
} from "./generators/postgres.js";
export {
  setupSiteSettings,
  setupSiteSettingsSha256,
} from "./generators/setup-site.js";
export { loadValidatedConfig, workspaceRootOf } from "./pipeline.js";
export { readBuildArtifacts } from "./build-artifacts.js";
