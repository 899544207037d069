#!/usr/bin/env bash
# Prints the speed and memory figures of `install --method nss` (a benchmark, not a test), on
# fresh profile databases made with Firefox's own NSS, as real profiles are
# (installer/docs/facts.md §4.7). Usage: ci/benchmark-nss.sh [N]   (N profiles per group, default 200)
# - group A: N profiles listed in a temporary home's profiles.ini; ONE `gcatrust install
#   --method nss` imports the 5 embedded certificates into all of them.
# - group B: N more profiles; `certutil -A -t C,,` once per certificate and profile, in a
#   sequential loop, the way mkcert and similar tools do it (system certutil and NSS).
# Targets: gcatrust at most half the certutil loop's time; gcatrust's peak RSS (the largest of
# gcatrust and its NSS worker processes) at most 20 MiB. Needs firefox-esr, certutil, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [PROFILES_PER_GROUP]" >&2; exit 2; }
ff=/usr/lib/firefox-esr
die() { echo "benchmark-nss: $*" >&2; exit 1; }
[ -e "$ff/libsoftokn3.so" ] || die "no Firefox NSS in $ff (install firefox-esr)"
command -v certutil >/dev/null || die "no certutil (install libnss3-tools)"
[ -x build/release/installer/gcatrust ] || cmake --workflow --preset release >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp build/release/installer/gcatrust "$tmp/gcatrust"  # runnable by `nobody` wherever the repo is
"$tmp/gcatrust" export "$tmp/certs" --der >/dev/null
mkdir -p "$tmp/home/.mozilla/firefox" "$tmp/b"

# As root, gcatrust scans the home of every account in the password database (real profiles
# included) and works as each profile's owner: run everything measured as `nobody` instead. The
# environment is emptied so that no XDG_CONFIG_HOME leads gcatrust to the caller's own profiles.
as=(env -i "HOME=$tmp/home" PATH=/usr/bin:/bin LC_ALL=C)
if [ "$(id -u)" -eq 0 ]; then
  as=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups "${as[@]}")
fi

# The profiles: each database made by Firefox's NSS (with LD_LIBRARY_PATH every NSS piece,
# softoken and sqlite included, comes from Firefox: checked with LD_DEBUG=libs; schema, page
# size and empty-password entry are those of a profile Firefox 153 created itself), and a
# compatibility.ini naming the Firefox that last ran it, as Firefox writes it.
version=$(sed -n 's/^Version=//p' "$ff/application.ini" | head -1)
build_id=$(sed -n 's/^BuildID=//p' "$ff/application.ini" | head -1)
compat="[Compatibility]
LastVersion=${version}_$build_id/$build_id
LastOSABI=Linux_x86_64-gcc3
LastPlatformDir=$ff
LastAppDir=$ff/browser"
a_dirs=() b_dirs=()
ini="[General]
StartWithLastProfile=1
Version=2
"
for ((k = 1; k <= n; k++)); do
  printf -v i %04d "$k"
  a_dirs+=("$tmp/home/.mozilla/firefox/a$i.default")
  b_dirs+=("$tmp/b/b$i.default")  # outside the home's profile roots: gcatrust never sees them
  ini+="
[Profile$((k - 1))]
Name=a$i
IsRelative=1
Path=a$i.default
"
  [ "$k" -ne 1 ] || ini+="Default=1
"
done
printf '%s' "$ini" >"$tmp/home/.mozilla/firefox/profiles.ini"
start=$(date +%s%N)
printf '%s\n' "${a_dirs[@]}" "${b_dirs[@]}" |
  FF="$ff" COMPAT="$compat" xargs -d '\n' -n 25 -P "$(nproc)" bash -c 'set -e
    for d; do
      mkdir "$d"
      LD_LIBRARY_PATH="$FF" certutil -N -d "sql:$d" --empty-password
      printf "%s\n" "$COMPAT" >"$d/compatibility.ini"
    done' bash
printf '%s\n' "${b_dirs[@]}" >"$tmp/b.list"
[ "$(id -u)" -ne 0 ] || chown -R nobody: "$tmp"
echo "profiles: 2 x $n made with Firefox's NSS ($("$ff/firefox-esr" --version 2>/dev/null ||
  echo "$ff")) in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# measure.py OUT CMD...: runs CMD (stdout and stderr to OUT) and prints its wall time in seconds,
# the peak RSS in KiB of CMD and of every process it waited for, and its exit code.
# Python's own getrusage(RUSAGE_CHILDREN) would not do: a child starts with its parent's RSS
# high-water mark (fork, or vfork + exec), so it never reads less than Python's ~10 MiB. So a
# small /bin/sh starts CMD in the background and exits; this script, a child subreaper, then
# inherits CMD and reaps it with wait4, whose ru_maxrss covers CMD and its waited-for children.
# CMD waits for a line on its stdin so that it cannot end (and be reaped by sh) before sh exits.
cat >"$tmp/measure.py" <<'EOF'
import ctypes, os, subprocess, sys, time
PR_SET_CHILD_SUBREAPER = 36
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("measure: prctl(PR_SET_CHILD_SUBREAPER) failed")
out, cmd = sys.argv[1], sys.argv[2:]
script = 'exec 3<&0; o=$1; shift; (read -r _ <&3; exec "$@" 3<&- </dev/null >"$o" 2>&1) & echo $!'
sh = subprocess.Popen(["/bin/sh", "-c", script, "sh", out] + cmd, stdin=subprocess.PIPE,
                      stdout=subprocess.PIPE)
pid = int(sh.stdout.readline())
sh.wait()
start = time.monotonic()
sh.stdin.close()  # CMD, now this script's child, starts
while True:  # reap until CMD itself (orphans of CMD, if any, come here too)
    got, status, usage = os.wait4(-1, 0)
    if got == pid:
        break
seconds = time.monotonic() - start
print(f"{seconds:.3f} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
EOF
py=/usr/bin/python3
command -v "$py" >/dev/null || py=python3

# The floor of that method: the RSS that /bin/sh hands to what it starts.
read -r _ floor_kib _ < <("$py" "$tmp/measure.py" /dev/null /bin/true)
# Each NSS write is a SQLite transaction with 4 fsyncs (journal, directory, journal, database), so
# the disk's fsync latency sets most of both figures: print it (4 KiB append + fsync, mean of 50).
fsync_ms=$("$py" -c 'import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
start = time.monotonic()
for _ in range(50):
    os.write(fd, bytes(4096)); os.fsync(fd)
print(f"{(time.monotonic() - start) * 20:.2f}")' "$tmp/fsync.probe")
rm -f "$tmp/fsync.probe"
sync  # the profiles just written reach the disk before anything is timed

# Group A: one gcatrust run.
read -r a_s a_kib a_rc < <("$py" "$tmp/measure.py" "$tmp/a.json" \
  "${as[@]}" "$tmp/gcatrust" install --method nss --json)

sync
# Group B: the certutil loop (system certutil, as those tools run it).
cat >"$tmp/certutil-loop.sh" <<'EOF'
certs=("$1"/*.der)
while read -r d; do
  for c in "${certs[@]}"; do
    nick=${c##*/}
    certutil -A -d "sql:$d" -n "${nick%.der}" -t C,, -i "$c" || exit 1
  done
done <"$2"
EOF
read -r b_s b_kib b_rc < <("$py" "$tmp/measure.py" "$tmp/b.out" \
  "${as[@]}" bash "$tmp/certutil-loop.sh" "$tmp/certs" "$tmp/b.list")
ncerts=$(find "$tmp/certs" -name '*.der' | wc -l)
b_runs=$((n * ncerts))

# Sanity: every profile of group A as gcatrust reports it, and 5 random profiles per group read
# back independently with Firefox's NSS (certutil -L: trust, and the certificates' DER) and
# with `gcatrust status --method nss --profile`.
cat >"$tmp/check.py" <<'EOF'
import base64, hashlib, json, os, random, re, subprocess, sys
ff, certs, gcatrust, a_json, n, *as_prefix = sys.argv[1:]
sep = as_prefix.index("--")
as_prefix, dirs = as_prefix[:sep], as_prefix[sep + 1:]
a_dirs, b_dirs = dirs[: len(dirs) // 2], dirs[len(dirs) // 2:]
expected = {hashlib.sha256(open(os.path.join(certs, f), "rb").read()).hexdigest()
            for f in os.listdir(certs)}
problems = []
try:
    report = json.load(open(a_json))
    ok = [p for p in report["profiles"] if p["result"] == "changed"
          and len(p["certificates"]) == len(expected)
          and set(p["certificates"].values()) == {"trusted"}]
    if len(report["profiles"]) != int(n) or len(ok) != int(n):
        problems.append(f"gcatrust reports {len(ok)} of {len(report['profiles'])} profiles changed "
                        f"with all certificates trusted (want {n})")
except (OSError, ValueError, KeyError) as e:
    problems.append(f"gcatrust's JSON report is unreadable: {e}")

def run(args, env=None):
    return subprocess.run(as_prefix + (env or []) + args, capture_output=True, text=True)

def check(d):
    nss = [f"LD_LIBRARY_PATH={ff}"]
    listing = run(["certutil", "-L", "-d", "sql:" + d], nss)
    entries = []
    for line in listing.stdout.splitlines()[4:]:
        m = re.match(r"^(.*\S)\s+(\S*,\S*,\S*)\s*$", line)
        if m:
            entries.append(m.groups())
    if listing.returncode != 0 or len(entries) != len(expected):
        return f"{d}: certutil -L lists {len(entries)} certificates (want {len(expected)})"
    untrusted = [nick for nick, trust in entries if "C" not in trust.split(",")[0]]
    if untrusted:
        return f"{d}: not trusted for TLS: {untrusted}"
    seen = set()
    for nick in {nick for nick, _ in entries}:
        pem = run(["certutil", "-L", "-d", "sql:" + d, "-n", nick, "-a"], nss).stdout
        for b64 in re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END", pem, re.S):
            seen.add(hashlib.sha256(base64.b64decode(b64)).hexdigest())
    if not expected <= seen:
        return f"{d}: {len(expected - seen)} certificates missing by DER"
    status = run([gcatrust, "status", "--method", "nss", "--json", "--profile", d])
    try:
        states = json.loads(status.stdout)["profiles"][0]["certificates"]
    except (ValueError, KeyError, IndexError):
        return f"{d}: gcatrust status failed: {status.stderr.strip()}"
    if len(states) != len(expected) or set(states.values()) != {"trusted"}:
        return f"{d}: gcatrust status says {states}"
    return None

sample = random.sample(a_dirs, min(5, len(a_dirs))) + random.sample(b_dirs, min(5, len(b_dirs)))
problems += [p for p in map(check, sample) if p]
for p in problems:
    print("  " + p)
print(f"sanity: {'ok' if not problems else 'FAILED'} (group A: all {n} in gcatrust's report; "
      f"groups A and B: {len(sample)} random profiles read back with Firefox's NSS)")
sys.exit(1 if problems else 0)
EOF

ms() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.1f", s * 1000 / n }'; }
echo "N = $n profiles per group, $ncerts certificates, $(nproc) CPUs, fsync $fsync_ms ms"
printf "gcatrust install --method nss (one run): %s s, %s ms/profile, exit %s\n" \
  "$a_s" "$(ms "$a_s" "$n")" "$a_rc"
printf "certutil -A loop (%d runs, sequential): %s s, %s ms/profile, exit %s\n" \
  "$b_runs" "$b_s" "$(ms "$b_s" "$n")" "$b_rc"
awk -v a="$a_s" -v b="$b_s" 'BEGIN {
  printf "ratio gcatrust/certutil: %.3f (target <= 0.5: %s)\n", a / b,
    a <= 0.5 * b ? "met" : "MISSED" }'
printf "gcatrust peak RSS: %d KiB (%.1f MiB; target <= 20 MiB: %s; measuring floor %d KiB)\n" \
  "$a_kib" "$(awk -v k="$a_kib" 'BEGIN { print k / 1024 }')" \
  "$([ "$a_kib" -le 20480 ] && echo met || echo MISSED)" "$floor_kib"
printf "certutil loop peak RSS: %d KiB\n" "$b_kib"
rc=0
[ "$a_rc" -eq 0 ] || { echo "gcatrust failed:"; tail -5 "$tmp/a.json"; rc=1; }
[ "$b_rc" -eq 0 ] || { echo "certutil loop failed:"; tail -5 "$tmp/b.out"; rc=1; }
"$py" "$tmp/check.py" "$ff" "$tmp/certs" "$tmp/gcatrust" "$tmp/a.json" "$n" "${as[@]}" -- \
  "${a_dirs[@]}" "${b_dirs[@]}" || rc=1
exit "$rc"
