#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing gcatrust needs.
# Idempotent and non-interactive: safe to run on a fresh machine and again on a set-up one.
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build pkg-config
  # embed tool (host only): OpenSSL libcrypto; run time: zlib, libmd (SHA-256), nlohmann-json, CLI11
  libssl-dev zlib1g-dev libmd-dev nlohmann-json3-dev libcli11-dev
  # NSS headers only (types and prototypes for the dlopen table; gcatrust never links NSS)
  libnss3-dev
  # tests
  googletest libgtest-dev openssl python3
  # NSS at run time (dlopen) and certutil for tests; real Firefox for end-to-end tests
  libnss3 libnss3-tools firefox-esr
  # hardening (ci/fuzz.sh, ci/test-asan.sh, ci/lint.sh): clang with libFuzzer and the sanitizer
  # run times (also FuzzedDataProvider.h for the corpus tests), the linters
  clang libclang-rt-14-dev clang-format clang-tidy cppcheck
  # deploy: CPack DEB's Depends (dpkg-shlibdeps), the Ansible role's test (ci/test-ansible.sh),
  # the --json schema test (tests/deploy/status_json_test.py)
  dpkg-dev ansible python3-jsonschema
  # Windows (ci/test-windows.sh): mingw-w64 cross compiler with posix threads, a static zlib for
  # it, wine to run gcatrust.exe and its tests (googletest's sources above are built for Windows)
  g++-mingw-w64-x86-64-posix libz-mingw-w64-dev wine wine64
  # Windows packages (ci/test-windows-setup.sh): NSIS, signing; the wizard under Xvfb (wine) with a
  # CJK font for its zh-TW pages, driven by xdotool and photographed by imagemagick; unzip
  nsis osslsigncode xvfb xdotool imagemagick fonts-wqy-zenhei unzip
  # reliability (ci/reliability.sh): strace checks fsync(temp) < rename < fsync(dir)
  strace
  # other browsers on the same desk (e2e: chromium headless reads ~/.pki/nssdb; thunderbird's
  # real /usr/lib/thunderbird layout and NSS)
  chromium thunderbird
  # Windows and macOS policy layouts (--target-os): libhivex edits an image's SOFTWARE hive
  # (linked statically); hivexsh/hivexget check the hives in tests
  libhivex-dev libhivex-bin
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
# Several scripts (and people) may run this at once: wait for dpkg's lock instead of failing.
apt=(apt-get -o DPkg::Lock::Timeout=900)
$SUDO "${apt[@]}" update -q
$SUDO "${apt[@]}" install -y -q --no-install-recommends "${missing[@]}"
