#!/bin/sh
# Installs Element Desktop on macOS and points it at this Matrix homeserver.
#
# It downloads Element's disk image, checks the app's code signature and
# Apple notarization before copying it into ~/Applications, and writes
# Element's config.json. No step needs root. Running it again changes
# nothing that is already in place.
#
# AXION_ELEMENT_DOWNLOAD_BASE replaces the package server's base URL.
set -eu

@@COMMON@@

APP_NAME=Element.app
USER_APPS="$HOME/Applications"
CONFIG_PATH="$HOME/Library/Application Support/Element/config.json"
MOUNT_POINT=""

detach_image() {
  if [ -n "$MOUNT_POINT" ]; then
    hdiutil detach -quiet "$MOUNT_POINT" || true
    MOUNT_POINT=""
  fi
}

installed_app() {
  for dir in /Applications "$USER_APPS"; do
    if [ -d "$dir/$APP_NAME" ]; then
      printf '%s\n' "$dir/$APP_NAME"
      return 0
    fi
  done
  return 1
}

# verify_app APP: stops the script unless APP has a valid code signature
# that Gatekeeper accepts, which requires Apple's notarization.
verify_app() {
  if ! codesign --verify --deep --strict "$1" 2>"$WORK_DIR/codesign.log"; then
    fail "invalid code signature on $APP_NAME ($(tail -n 1 "$WORK_DIR/codesign.log")); nothing was installed"
  fi
  if ! spctl --assess --type execute "$1" 2>"$WORK_DIR/spctl.log"; then
    fail "Gatekeeper rejected $APP_NAME ($(tail -n 1 "$WORK_DIR/spctl.log")); nothing was installed"
  fi
  log "verified: code signature and notarization of $APP_NAME"
}

install_app() {
  if existing=$(installed_app); then
    unchanged "Element Desktop is already installed at $existing and updates itself"
    return
  fi
  check_download_base
  need curl hdiutil codesign spctl ditto

  image="$WORK_DIR/Element.dmg"
  fetch "$DOWNLOAD_BASE/desktop/install/macos/Element.dmg" "$image"
  MOUNT_POINT="$WORK_DIR/mount"
  mkdir -p "$MOUNT_POINT"
  hdiutil attach -quiet -nobrowse -readonly -mountpoint "$MOUNT_POINT" "$image" ||
    fail "could not open the disk image $image; nothing was installed"

  verify_app "$MOUNT_POINT/$APP_NAME"
  mkdir -p "$USER_APPS"
  ditto "$MOUNT_POINT/$APP_NAME" "$USER_APPS/$APP_NAME"
  detach_image
  changed "installed Element Desktop in $USER_APPS/$APP_NAME"
}

main() {
  WORK_DIR=$(mktemp -d)
  trap 'detach_image; cleanup' EXIT
  trap 'exit 130' INT TERM

  install_app
  install_config "$CONFIG_PATH"
  print_summary
}

main "$@"
