#!/usr/bin/env bash
# The Ansible role (installer/deploy/ansible): the sample playbook on this machine with
# `ansible-playbook -i localhost, -c local`, twice (the second run must report changed=0), in
# check mode (changed=0), then with gcatrust_state=absent (twice). Runs in a private mount
# namespace with overlays on /etc, /usr, /root and /home, so the machine's files (and other
# test runs reading /etc/firefox) are never touched; checks that from outside at the end.
# Needs root and ci/install-deps.sh (ansible). Prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
watched=(/etc/firefox /usr/share/firefox-esr/distribution /usr/local/bin/gcatrust)
digest() { find "${watched[@]}" -exec sha256sum {} + 2>/dev/null | sort || true; find "${watched[@]}" 2>/dev/null | sort || true; }

if [ "${GCATRUST_ANSIBLE_INNER:-}" != 1 ]; then
  start=$(date +%s)
  cmake --workflow --preset release
  before=$(digest)
  rc=0
  GCATRUST_ANSIBLE_INNER=1 unshare -m --propagation private bash "$0" || rc=$?
  after=$(digest)
  if [ "$before" != "$after" ]; then
    echo "test-ansible: FAIL: ${watched[*]} changed outside the namespace"; rc=1
  fi
  echo "test-ansible: finished in $(($(date +%s) - start))s (exit $rc)"
  exit "$rc"
fi

scratch=$(mktemp -d /tmp/gcatrust-ansible-XXXXXX)
overlaid=(/etc /usr /root /home)
cleanup() {
  for d in /home /root /usr /etc; do umount -l "$d" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT
for d in "${overlaid[@]}"; do
  n=${d//\//_}
  mkdir -p "$scratch/$n/u" "$scratch/$n/w"
  mount -t overlay overlay -o "lowerdir=$d,upperdir=$scratch/$n/u,workdir=$scratch/$n/w" "$d"
done

fail() { echo "test-ansible: FAIL: $*"; exit 1; }
play() {  # play LOG [ansible-playbook args...]; prints the recap line
  local log=$1; shift
  ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ansible-playbook -i localhost, -c local \
    installer/deploy/ansible/site.yml -e ansible_become=false \
    -e "gcatrust_executable=$PWD/build/release/installer/gcatrust" "$@" >"$log" 2>&1 ||
    { cat "$log"; fail "ansible-playbook $* failed"; }
  grep -E '^localhost +:' "$log"
}
state=(/etc/firefox /usr/share/firefox-esr/distribution)
original=$(find "${state[@]}" -exec sha256sum {} + 2>/dev/null | sort || true)

echo "== first run: installs"
recap=$(play "$scratch/run1.log")
echo "$recap"
[[ $recap =~ changed=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 1 ] || { cat "$scratch/run1.log"; fail "first run changed nothing"; }
[[ $recap =~ failed=0 ]] || fail "first run failed"
/usr/local/bin/gcatrust status --json >"$scratch/status.json" || fail "status exited $?"
python3 - "$scratch/status.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
targets = doc.get("targets", [])
assert targets and all(t["result"] == "installed" for t in targets), targets
print("status --json: %d policies target(s) installed" % len(targets))
PY

echo "== second run: nothing to do"
recap=$(play "$scratch/run2.log")
echo "$recap"
[[ $recap =~ changed=0 ]] || { cat "$scratch/run2.log"; fail "second run reported changes"; }

echo "== check mode: nothing would change"
recap=$(play "$scratch/check.log" --check)
echo "$recap"
[[ $recap =~ changed=0 ]] || { cat "$scratch/check.log"; fail "check mode reported changes"; }

echo "== uninstall play"
recap=$(play "$scratch/absent1.log" -e gcatrust_state=absent)
echo "$recap"
[[ $recap =~ changed=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 1 ] || fail "uninstall changed nothing"
[ ! -e /usr/local/bin/gcatrust ] || fail "the executable is still there"
now=$(find "${state[@]}" -exec sha256sum {} + 2>/dev/null | sort || true)
[ "$now" = "$original" ] || fail "/etc/firefox or distribution/ differs from before the role"
recap=$(play "$scratch/absent2.log" -e gcatrust_state=absent)
echo "$recap"
[[ $recap =~ changed=0 ]] || fail "second uninstall run reported changes"
echo "test-ansible: ok"
