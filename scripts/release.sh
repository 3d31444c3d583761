#!/usr/bin/env bash
# release.sh VERSION: cross-compile static ladder binaries for Linux, macOS
# and Windows (amd64 and arm64) into dist/, one archive per platform, with
# a SHA-256 checksum file. The binaries are reproducible: same commit, same
# Go version, same bytes (-trimpath, no build ID, the commit's own date).
#
#   scripts/release.sh v0.3.0
#   PLATFORMS="linux/amd64" scripts/release.sh v0.3.0-rc1   # a subset
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/release.sh VERSION (e.g. v0.3.0)}
commit=$(git rev-parse HEAD)
date=$(git log -1 --format=%cI HEAD)
if [ -n "$(git status --porcelain)" ]; then
  echo "release.sh: the work tree has uncommitted changes; commit or stash them first" >&2
  exit 2
fi
platforms=${PLATFORMS:-"linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"}
pkg=github.com/ladder-ssg/ladder/internal/cli
ldflags="-s -w -buildid= -X $pkg.Version=$version -X $pkg.Commit=$commit -X $pkg.Date=$date"

rm -rf "dist/$version"
mkdir -p "dist/$version"
for p in $platforms; do
  os=${p%/*}; arch=${p#*/}
  name="ladder_${version}_${os}_${arch}"
  dir="dist/$version/$name"
  exe=ladder; [ "$os" = windows ] && exe=ladder.exe
  echo "build $name"
  mkdir -p "$dir"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$dir/$exe" ./cmd/ladder
  cp LICENSE README.md "$dir/"
  # Archives with fixed owners, order and times, so that they are
  # reproducible too.
  touch -d "$date" "$dir" "$dir"/*
  if [ "$os" = windows ]; then
    (cd "dist/$version" && TZ=UTC find "$name" -print | sort | zip -q -X -D "$name.zip" -@)
  else
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$date" \
      -C "dist/$version" -cf - "$name" | gzip -n -9 > "dist/$version/$name.tar.gz"
  fi
  rm -rf "$dir"
done
(cd "dist/$version" && sha256sum ladder_* > checksums.txt)
echo "dist/$version:"
ls -l "dist/$version"
