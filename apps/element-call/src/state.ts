/**
 * The caps in force in this page and the listeners that re-apply them to
 * live senders and tracks when they change.
 */
import { PROFILES, type CallCaps } from "@axion-stack/call-caps";
import { FALLBACK_PROFILE } from "./load.js";

/** The caps in force and a promise that settles once config.json is read. */
export class CapsState {
  private caps: CallCaps = PROFILES[FALLBACK_PROFILE];
  private readonly listeners: (() => void)[] = [];
  private resolveLoaded!: () => void;

  /** Settles when the deploy-time caps from config.json are in force. */
  readonly loaded = new Promise<void>((resolve) => {
    this.resolveLoaded = resolve;
  });

  /** Returns the caps in force. */
  current(): CallCaps {
    return this.caps;
  }

  /** Puts new caps in force and re-applies them everywhere. */
  set(caps: CallCaps): void {
    this.caps = caps;
    this.resolveLoaded();
    for (const listener of this.listeners) listener();
  }

  /** Registers a function that re-applies the caps after each change. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
