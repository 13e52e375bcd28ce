#!/bin/sh
# Builds the fuzz targets with libFuzzer, ASan and UBSan (clang) into build-fuzz/, e.g.
#   tests/fuzz/build.sh && build-fuzz/fuzz_query -max_total_time=60 tests/fuzz/corpus/query
#   build-fuzz/fuzz_multipart -max_total_time=300 -max_len=4096 build-fuzz/mp tests/fuzz/corpus/multipart
# New inputs it finds land in the corpus directory given; keep the interesting ones.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/build-fuzz
mkdir -p "$OUT"
[ -f "$ROOT/build/config.h" ] || { echo "run ./dev up (or configure in build/) first" >&2; exit 1; }
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -I$ROOT/build -I$ROOT/fcgi $(pkg-config --cflags libxml-2.0 libxslt libexslt libmariadb libsodium fcgi)"
LIBS="$(pkg-config --libs libxml-2.0 libxslt libexslt libmariadb libsodium libcurl jansson fcgi) -lfcgi"
# Every file of libborikan.a but req.c (fuzz_query.c includes it).
SRC="log.c util.c metrics.c db.c render.c process_check.c catalogue.c router.c h_process.c
  h_system.c session.c h_account.c process_model.c form.c engine.c h_request.c multipart.c
  attach.c h_attachment.c worker.c"
LIBSRC=""
for f in $SRC; do LIBSRC="$LIBSRC $ROOT/fcgi/$f"; done
# shellcheck disable=SC2086
clang $CFLAGS -o "$OUT/fuzz_query" "$ROOT/tests/fuzz/fuzz_query.c" $(echo $LIBSRC) $LIBS
# shellcheck disable=SC2086
clang $CFLAGS -DPROCESS_DIR="\"$ROOT/processes\"" -o "$OUT/fuzz_process" \
    "$ROOT/tests/fuzz/fuzz_process.c" $LIBSRC "$ROOT/fcgi/req.c" $LIBS
# The upload parser with the attachment checks it feeds (no database, no FastCGI calls).
# shellcheck disable=SC2086
clang $CFLAGS -o "$OUT/fuzz_multipart" "$ROOT/tests/fuzz/fuzz_multipart.c" \
    "$ROOT/fcgi/multipart.c" "$ROOT/fcgi/attach.c" "$ROOT/fcgi/log.c" "$ROOT/fcgi/util.c" $LIBS
echo "built $OUT/fuzz_query $OUT/fuzz_process $OUT/fuzz_multipart"
