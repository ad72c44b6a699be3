/**
 * Entry of the widget script. It must be the first script of the widget's
 * index.html: it wraps the WebRTC and capture APIs before Element Call's
 * own code can hold a reference to them, then loads the caps.
 */
import { capsToDocument } from "@axion-stack/call-caps";
import { installCaptureCaps } from "./capture.js";
import { loadCaps } from "./load.js";
import { createLogger } from "./logger.js";
import { installNegotiationCaps } from "./negotiation.js";
import { installSenderCaps } from "./senders.js";
import { CapsState } from "./state.js";

const log = createLogger("main");
const state = new CapsState();

installCaptureCaps(state);
installSenderCaps(state);
installNegotiationCaps(state);

const configUrl = new URL("config.json", document.baseURI).href;
const settled = loadCaps(configUrl, (caps) => state.set(caps)).then(
  (caps) => log.info(`caps in force: ${JSON.stringify(capsToDocument(caps))}`),
  (error) => {
    log.warn(`loading caps failed (${error}), so the fallback caps apply`);
    state.set(state.current());
  },
);

/** Read-only view of the caps in force, for admins and tests. */
Object.defineProperty(window, "axionCallCaps", {
  value: Object.freeze({
    loaded: state.loaded,
    settled,
    current: () => structuredClone(state.current()),
  }),
});
