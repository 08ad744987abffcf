#!/usr/bin/env bash
# Fetches the photo corpora of docs/data.md from Debian's archive without installing
# anything: `apt-get download` fetches each .deb, `dpkg-deb -x` unpacks it under
#   DEST/train/<package>/...   (training photos)
#   DEST/val/<package>/...     (validation photos; never mix them into training)
# Re-running skips packages that are already unpacked.
#
# usage: scripts/fetch-corpora.sh [-d DEST] [-u] [all|train|val|PACKAGE...]
#   -d DEST  target folder (default data/corpora in this working copy, which git ignores)
#   -u       run apt-get update first
#   all      both sets (the default); train / val: one set; PACKAGE: just that package
set -euo pipefail

TRAIN=(enlightenment-data lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 mate-backgrounds
       lxqt-themes plasma-workspace-wallpapers palapeli-data
       tuxtype-data tuxpaint-data kphotoalbum scribus-template digikam-data sddm-theme-maldives)
VAL=(opencv-doc)

die() { echo "fetch-corpora.sh: $*" >&2; exit 1; }
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

dest="$(cd "$(dirname "$0")/.." && pwd)/data/corpora"
update=0
while getopts "d:uh" opt; do
  case $opt in
    d) dest=$OPTARG ;;
    u) update=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- all

for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 \
    || die "$tool not found: this script needs a Debian or Ubuntu system with apt (see data README to fetch the packages by hand)"
done

setof() {
  local p
  for p in "${VAL[@]}"; do [ "$p" = "$1" ] && { echo val; return; }; done
  for p in "${TRAIN[@]}"; do [ "$p" = "$1" ] && { echo train; return; }; done
  return 1
}

wanted=()
for arg in "$@"; do
  case $arg in
    all) wanted+=("${TRAIN[@]}" "${VAL[@]}") ;;
    train) wanted+=("${TRAIN[@]}") ;;
    val) wanted+=("${VAL[@]}") ;;
    *) setof "$arg" >/dev/null || die "unknown package '$arg' (known: ${TRAIN[*]} ${VAL[*]})"
       wanted+=("$arg") ;;
  esac
done

if [ "$update" = 1 ]; then
  apt-get update -q || die "apt-get update failed"
fi

mkdir -p "$dest/debs"
dest=$(cd "$dest" && pwd)
failed=()
for pkg in "${wanted[@]}"; do
  out="$dest/$(setof "$pkg")/$pkg"
  if [ -f "$out/.unpacked" ]; then
    echo "$pkg: already in $out"
    continue
  fi
  deb=$(ls "$dest/debs/${pkg}"_*.deb 2>/dev/null | head -n 1 || true)
  if [ -z "$deb" ]; then
    echo "$pkg: downloading"
    if ! (cd "$dest/debs" && apt-get download -q "$pkg"); then
      echo "fetch-corpora.sh: $pkg: apt-get download failed (try -u to run apt-get update first)" >&2
      failed+=("$pkg")
      continue
    fi
    deb=$(ls "$dest/debs/${pkg}"_*.deb | head -n 1)
  fi
  # Unpack into a scratch folder and rename, so an interrupted run leaves no half-filled set.
  rm -rf "$out.tmp"
  mkdir -p "$out.tmp"
  dpkg-deb -x "$deb" "$out.tmp"
  basename "$deb" > "$out.tmp/.unpacked"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  echo "$pkg: unpacked into $out"
done

[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]}"
