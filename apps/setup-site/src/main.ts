/**
 * Progressive enhancement: the page works without this script. With it, the
 * visitor's operating system comes first and each command gets a copy
 * button.
 */
import "./style.css";
import "virtual:theme-previews.css";
import { detectOperatingSystem } from "./os-detect.js";

interface NavigatorWithUserAgentData extends Navigator {
  userAgentData?: { platform?: string };
}

function currentPlatform(): string {
  const nav = navigator as NavigatorWithUserAgentData;
  return nav.userAgentData?.platform || navigator.platform || "";
}

function showDetectedSystem(): void {
  const os = detectOperatingSystem(currentPlatform(), navigator.userAgent);
  const section = os ? document.getElementById(os) : null;
  const hint = document.getElementById("detected-os");
  if (!section || !hint) {
    return;
  }

  section.parentElement?.prepend(section);
  section.classList.add("is-detected");
  const title = section.querySelector("h2")?.textContent ?? os;
  hint.textContent = `This looks like ${title}, so its steps come first. The other systems follow.`;
  hint.hidden = false;
}

function copyStatusRegion(): HTMLElement {
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.append(status);
  return status;
}

function addCopyButtons(): void {
  if (!navigator.clipboard) {
    return;
  }
  const status = copyStatusRegion();

  for (const block of document.querySelectorAll<HTMLElement>(".command")) {
    const code = block.querySelector("code");
    const section = block.closest("section")?.querySelector("h2")?.textContent;
    if (!code) {
      continue;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy command";
    button.setAttribute("aria-label", `Copy the ${section ?? ""} command`);
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(code.textContent ?? "").then(
        () => (status.textContent = `${section ?? "The"} command copied.`),
        () =>
          (status.textContent =
            "Copying failed; select the command and copy it."),
      );
    });
    block.append(button);
  }
}

showDetectedSystem();
addCopyButtons();
