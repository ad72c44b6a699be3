# Settings of this Matrix server, filled in when the setup site was built.

BRAND=@@BRAND@@
HOMESERVER_URL=@@HOMESERVER_URL@@
DEFAULT_THEME=@@DEFAULT_THEME@@
DOWNLOAD_BASE=@@DOWNLOAD_BASE@@
if [ -n "${AXION_ELEMENT_DOWNLOAD_BASE:-}" ]; then
  DOWNLOAD_BASE=$AXION_ELEMENT_DOWNLOAD_BASE
fi

CHANGES=0
WORK_DIR=""

log() {
  printf '%s\n' "$*"
}

fail() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

changed() {
  CHANGES=$((CHANGES + 1))
  printf 'changed: %s\n' "$*"
}

unchanged() {
  printf 'unchanged: %s\n' "$*"
}

cleanup() {
  if [ -n "$WORK_DIR" ] && [ -d "$WORK_DIR" ]; then
    rm -rf "$WORK_DIR"
  fi
}

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 ||
      fail "'$tool' is not installed; install it and run this script again"
  done
}

# Plain HTTP is accepted only for a test server on this machine, so a
# mistyped AXION_ELEMENT_DOWNLOAD_BASE cannot send downloads over the
# network unencrypted.
check_download_base() {
  case "$DOWNLOAD_BASE" in
    https://*) ;;
    http://127.0.0.1:* | http://127.0.0.1/* | http://localhost:* | http://localhost/*) ;;
    *) fail "invalid download base '$DOWNLOAD_BASE': use an https:// URL" ;;
  esac
}

# fetch URL FILE: downloads URL into FILE or stops the script.
fetch() {
  curl --fail --silent --show-error --location --retry 2 \
    --output "$2" "$1" || fail "download of $1 failed"
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# verify_sha256 FILE EXPECTED NAME: stops the script unless FILE hashes to
# EXPECTED. Nothing has been installed at this point.
verify_sha256() {
  actual=$(sha256_of "$1")
  if [ "$actual" != "$2" ]; then
    fail "checksum mismatch for $3: expected SHA-256 $2, got $actual; nothing was installed"
  fi
  log "verified: SHA-256 of $3"
}

write_element_config() {
  cat <<'ELEMENT_CONFIG_JSON'
@@ELEMENT_CONFIG_JSON@@
ELEMENT_CONFIG_JSON
}

# install_config PATH: writes Element Desktop's config.json at PATH unless
# it already has this content. A different file is kept as a backup.
install_config() {
  target="$1"
  wanted="$WORK_DIR/config.json"
  write_element_config >"$wanted"

  if [ -f "$target" ] && cmp -s "$wanted" "$target"; then
    unchanged "$target already points at $HOMESERVER_URL"
    return
  fi

  mkdir -p "$(dirname "$target")"
  if [ -f "$target" ]; then
    backup="$target.before-setup-$(date +%Y%m%d%H%M%S)"
    cp -p "$target" "$backup"
    changed "kept the previous config.json as $backup"
  fi
  cp "$wanted" "$target.tmp.$$"
  mv "$target.tmp.$$" "$target"
  changed "wrote $target (homeserver $HOMESERVER_URL, theme $DEFAULT_THEME)"
}

print_summary() {
  if [ "$CHANGES" -eq 0 ]; then
    log "Element Desktop was already set up for $BRAND; nothing changed."
  else
    log "Element Desktop is set up for $BRAND ($CHANGES changes)."
  fi
}
