#!/usr/bin/env bash
# The Linux packages: builds the release .deb and .tar.gz (`package` workflow preset), checks the
# tarball, then installs, removes and purges the .deb with the real dpkg and the real firefox-esr
# (tests/deploy/deb_test.py: in a private mount namespace, the machine's files stay as they are).
# Needs root and ci/install-deps.sh. Prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
cmake --workflow --preset package
pkgdir=build/release/packages
version=$(sed -n 's/^project(gcatrust VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb=$(ls "$pkgdir"/gcatrust_"$version"-*_*.deb)
tgz=$(ls "$pkgdir"/gcatrust-"$version"-linux-*.tar.gz)

# The tarball: one folder with bin/gcatrust (the same executable as the .deb's) and the README.
# (The listing is read whole first: `tar | grep -q` under pipefail fails with SIGPIPE when grep
# stops early.)
listing=$(tar tzf "$tgz")
top=$(sed -n '1s|/.*||p' <<<"$listing")
grep -qx "$top/bin/gcatrust" <<<"$listing"
grep -qx "$top/share/doc/gcatrust/README.md" <<<"$listing"
cmp <(tar xzf "$tgz" -O "$top/bin/gcatrust") <(dpkg-deb --fsys-tarfile "$deb" | tar xO ./usr/bin/gcatrust)
echo "test-deb: $tgz holds $top/bin/gcatrust, identical to the .deb's"

rc=0
python3 tests/deploy/deb_test.py --deb "$deb" --source . || rc=$?
echo "test-deb: finished in $(($(date +%s) - start))s (exit $rc)"
[ "$rc" -eq 0 ] || [ "$rc" -eq 77 ]
