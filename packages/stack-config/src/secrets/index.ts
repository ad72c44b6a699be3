export {
  createMissingSecrets,
  rotateSecret,
  type SecretsContext,
  type SecretsSummary,
} from "./command.js";
export {
  missingSecretFiles,
  plannedSecretFiles,
  SECRETS_DIR,
  SECRETS_KUSTOMIZATION,
  type SecretFile,
  secretFilePath,
} from "./layout.js";
export {
  DEVELOPMENT_RECIPIENT,
  SECRET_ENCRYPTED_REGEX,
  SOPS_CONFIG_FILE,
  SopsConfigError,
  secretCreationRule,
} from "./sops-config.js";
export {
  findSopsBinary,
  type SopsContext,
  SopsError,
  sopsDecrypt,
  sopsEncrypt,
} from "./sops.js";
export { SecretFileError } from "./store.js";
export {
  generateSecretValue,
  MissingProvidedValueError,
  synapseSigningKey,
} from "./values.js";
