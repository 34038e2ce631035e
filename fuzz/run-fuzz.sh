#!/bin/sh
# Runs one fuzz target for a given number of seconds from the seeds, e.g.
#   fuzz/run-fuzz.sh extract 3600
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
set -eu
target=$1
seconds=${2:-600}
cd "$(dirname "$0")"
mkdir -p "corpus/$target" "artifacts/$target"
cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix="artifacts/$target/"
