/**
 * Named loggers for the widget script. The widget has no log service, so
 * messages go to the browser console with a prefix that names the module.
 */

/** A logger bound to one module of the script. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** Creates the logger of one module, such as `load` or `install`. */
export function createLogger(module: string): Logger {
  const prefix = `[axion-call-caps/${module}]`;
  return {
    info: (message) => console.info(prefix, message),
    warn: (message) => console.warn(prefix, message),
  };
}
