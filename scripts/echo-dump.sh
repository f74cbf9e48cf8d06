#!/bin/sh
# Usage: scripts/echo-dump.sh CHECKOUT OUT [WORK=folder] — the CLI's json output of CHECKOUT/dist/cli.js on
# Before and after a change to the matcher, `diff -r` of the two OUT folders must be empty
# (issue #14: splitting engine/match/index.ts changed no echo result). CHECKOUT must be built.
#  (1) each seed with the other seeds as its corpus (leave-one-out), and
#  (2) 40 drafts of a generated corpus of 3000 resolutions against the rest of it, and
#  (3) the same with a dense corpus (genCorpus --shape dense).
set -e
ROOT=$1; OUT=$2; W=${WORK:-/tmp/unres-echo-dump}
mkdir -p "$OUT" "$W"
# The seeds copied to one place, so that the file names in the output are the same for every checkout.
rm -rf "$W/seeds"; cp -r "$ROOT/seeds" "$W/seeds"
for s in "$W"/seeds/*; do
  n=$(basename "$s")
  rm -rf "$W/loo"; mkdir -p "$W/loo"
  for o in "$W"/seeds/*; do [ "$o" = "$s" ] || cp "$o" "$W/loo/"; done
  node "$ROOT/dist/cli.js" check "$s" --no-builtin --no-cache --corpus "$W/loo" --format json --max-warnings 1000000 > "$OUT/seed-$n.json" 2>/dev/null || true
done
if [ ! -d "$W/gen" ]; then node "$ROOT/dist/genCorpus.js" "$W/gen" --count 3000 --seed 11 --seeds "$ROOT/seeds" > /dev/null; fi
rm -rf "$W/drafts" "$W/rest"; mkdir -p "$W/drafts" "$W/rest"
ls "$W/gen" | sort | head -40 | while read f; do cp "$W/gen/$f" "$W/drafts/"; done
ls "$W/gen" | sort | tail -n +41 | while read f; do cp "$W/gen/$f" "$W/rest/"; done
node "$ROOT/dist/cli.js" check "$W/drafts" --corpus "$W/rest" --no-cache --format json --max-warnings 1000000 > "$OUT/generated.json" 2>/dev/null || true
#  (3): close revisions of the seeds, year after year.
if [ ! -d "$W/dense" ]; then node "$ROOT/dist/genCorpus.js" "$W/dense" --shape dense --count 3000 --seed 11 --seeds "$ROOT/seeds" > /dev/null; fi
rm -rf "$W/ddrafts" "$W/drest"; mkdir -p "$W/ddrafts" "$W/drest"
ls "$W/dense" | sort | head -40 | while read f; do cp "$W/dense/$f" "$W/ddrafts/"; done
ls "$W/dense" | sort | tail -n +41 | while read f; do cp "$W/dense/$f" "$W/drest/"; done
node "$ROOT/dist/cli.js" check "$W/ddrafts" --corpus "$W/drest" --no-cache --format json --max-warnings 1000000 > "$OUT/dense.json" 2>/dev/null || true
ls -la "$OUT"
