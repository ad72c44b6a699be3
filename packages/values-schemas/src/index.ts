export {
  VALUES_SCHEMA_FILES,
  formatSchemaErrors,
  registerValuesSchema,
  valuesValidator,
} from "./registry.js";
