#!/bin/sh
# Installs Element Desktop on Linux and points it at this Matrix homeserver.
#
# With flatpak available, it installs the Flathub app for this user; Flatpak
# checks Flathub's signatures. Otherwise it takes element-desktop from
# Element's Debian repository: it checks the repository's OpenPGP signature
# with gpgv and the package's SHA-256 before unpacking anything, then unpacks
# the package into ~/.local/share/element-desktop. No step needs root.
# Running it again changes nothing that is already in place.
#
# AXION_ELEMENT_DOWNLOAD_BASE replaces the package server's base URL.
set -eu

@@COMMON@@

FLATPAK_APP=@@FLATPAK_APP@@
PINNED_VERSION=@@ELEMENT_VERSION@@
SUITE=default
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
INSTALL_DIR="$DATA_HOME/element-desktop"
VERSION_FILE="$INSTALL_DIR/.installed-version"
BIN_LINK="$HOME/.local/bin/element-desktop"
DESKTOP_FILE="$DATA_HOME/applications/element-desktop.desktop"

debian_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo amd64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) fail "Element publishes no Debian package for $(uname -m); install flatpak and run this script again" ;;
  esac
}

install_flatpak() {
  if flatpak info "$FLATPAK_APP" >/dev/null 2>&1; then
    unchanged "Flatpak $FLATPAK_APP is already installed"
    return
  fi
  flatpak remote-add --user --if-not-exists flathub \
    https://dl.flathub.org/repo/flathub.flatpakrepo
  flatpak install --user --noninteractive flathub "$FLATPAK_APP"
  changed "installed Flatpak $FLATPAK_APP from Flathub for this user"
}

# release_sha256 RELEASE NAME: prints the SHA-256 that the Release file
# lists for the index NAME.
release_sha256() {
  awk -v name="$2" '
    /^SHA256:/ { listing = 1; next }
    /^[^ ]/ { listing = 0 }
    listing && $3 == name { print $1; exit }
  ' "$1"
}

# select_package PACKAGES: prints "version filename sha256" of the newest
# element-desktop, or of PINNED_VERSION when it is set.
select_package() {
  awk -v pinned="$PINNED_VERSION" '
    function emit() {
      if (name == "element-desktop" && (pinned == "" || version == pinned))
        print version, file, sha
      name = ""; version = ""; file = ""; sha = ""
    }
    /^$/ { emit(); next }
    /^Package: / { name = $2 }
    /^Version: / { version = $2 }
    /^Filename: / { file = $2 }
    /^SHA256: / { sha = $2 }
    END { emit() }
  ' "$1" | sort -V | tail -n 1
}

# fetch_verified_index ARCH: downloads the package index and checks it
# against the repository's signed Release file.
fetch_verified_index() {
  repo="$DOWNLOAD_BASE/debian"
  fetch "$repo/element-io-archive-keyring.gpg" "$WORK_DIR/keyring.gpg"
  fetch "$repo/dists/$SUITE/InRelease" "$WORK_DIR/InRelease"

  mkdir -m 700 "$WORK_DIR/gnupg"
  if ! gpgv --homedir "$WORK_DIR/gnupg" --keyring "$WORK_DIR/keyring.gpg" \
    --output "$WORK_DIR/Release" "$WORK_DIR/InRelease" \
    2>"$WORK_DIR/gpgv.log"; then
    fail "invalid signature on $repo/dists/$SUITE/InRelease ($(tail -n 1 "$WORK_DIR/gpgv.log")); nothing was installed"
  fi
  log "verified: OpenPGP signature of $repo/dists/$SUITE/InRelease"

  index="main/binary-$1/Packages"
  expected=$(release_sha256 "$WORK_DIR/Release" "$index")
  [ -n "$expected" ] || fail "$index is missing from the signed Release file"
  fetch "$repo/dists/$SUITE/$index" "$WORK_DIR/Packages"
  verify_sha256 "$WORK_DIR/Packages" "$expected" "$index"
}

# unpack_deb DEB DEST: extracts the package's files without installing it.
unpack_deb() {
  mkdir -p "$2"
  if command -v dpkg-deb >/dev/null 2>&1; then
    dpkg-deb -x "$1" "$2"
  elif command -v bsdtar >/dev/null 2>&1; then
    (cd "$WORK_DIR" && bsdtar -xf "$1" 'data.tar.*')
    bsdtar -xf "$WORK_DIR"/data.tar.* -C "$2"
  elif command -v ar >/dev/null 2>&1; then
    (cd "$WORK_DIR" && ar x "$1")
    tar -xf "$WORK_DIR"/data.tar.* -C "$2"
  else
    fail "unpacking the package needs dpkg-deb, bsdtar or ar; install one of them or flatpak"
  fi
}

install_package_files() {
  version="$1"
  unpacked="$WORK_DIR/unpacked"
  unpack_deb "$WORK_DIR/element-desktop.deb" "$unpacked"
  [ -x "$unpacked/opt/Element/element-desktop" ] ||
    fail "the package has no opt/Element/element-desktop; nothing was installed"

  mkdir -p "$(dirname "$INSTALL_DIR")"
  rm -rf "$INSTALL_DIR.previous"
  if [ -d "$INSTALL_DIR" ]; then
    mv "$INSTALL_DIR" "$INSTALL_DIR.previous"
  fi
  mv "$unpacked/opt/Element" "$INSTALL_DIR"
  printf '%s\n' "$version" >"$VERSION_FILE"
  rm -rf "$INSTALL_DIR.previous"
  changed "installed Element Desktop $version in $INSTALL_DIR"
}

install_deb() {
  fetch_verified_index "$(debian_arch)"
  select_package "$WORK_DIR/Packages" >"$WORK_DIR/selected"
  read -r version file sha <"$WORK_DIR/selected" || true
  [ -n "${version:-}" ] ||
    fail "element-desktop ${PINNED_VERSION:-(any version)} is not in Element's repository"

  if [ -f "$VERSION_FILE" ] && [ "$(cat "$VERSION_FILE")" = "$version" ]; then
    unchanged "Element Desktop $version is already installed in $INSTALL_DIR"
    return
  fi
  fetch "$DOWNLOAD_BASE/debian/$file" "$WORK_DIR/element-desktop.deb"
  verify_sha256 "$WORK_DIR/element-desktop.deb" "$sha" "$(basename "$file")"
  install_package_files "$version"
}

# ensure_link TARGET LINK: points LINK at TARGET unless it already does.
ensure_link() {
  if [ -L "$2" ] && [ "$(readlink "$2")" = "$1" ]; then
    unchanged "$2 already links to $1"
    return
  fi
  mkdir -p "$(dirname "$2")"
  ln -sfn "$1" "$2"
  changed "linked $2 to $1"
}

# ensure_file SOURCE TARGET: copies SOURCE to TARGET unless they are equal.
ensure_file() {
  if [ -f "$2" ] && cmp -s "$1" "$2"; then
    unchanged "$2 is up to date"
    return
  fi
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2"
  changed "wrote $2"
}

install_launchers() {
  ensure_link "$INSTALL_DIR/element-desktop" "$BIN_LINK"
  # NOTE: the entry has no Icon= line because only opt/Element is kept
  # from the package, and its icons live under usr/share/icons.
  cat >"$WORK_DIR/element-desktop.desktop" <<DESKTOP_ENTRY
[Desktop Entry]
Type=Application
Name=Element
Comment=Matrix client for $BRAND
Exec="$INSTALL_DIR/element-desktop" %U
Terminal=false
Categories=Network;InstantMessaging;Chat;
StartupWMClass=Element
DESKTOP_ENTRY
  ensure_file "$WORK_DIR/element-desktop.desktop" "$DESKTOP_FILE"
}

main() {
  WORK_DIR=$(mktemp -d)
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  if command -v flatpak >/dev/null 2>&1; then
    install_flatpak
    config_path="$HOME/.var/app/$FLATPAK_APP/config/Element/config.json"
  else
    check_download_base
    need curl gpgv awk sort cmp
    install_deb
    install_launchers
    config_path="$CONFIG_HOME/Element/config.json"
  fi
  install_config "$config_path"
  print_summary
}

main "$@"
