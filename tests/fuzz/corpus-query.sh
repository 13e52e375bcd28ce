#!/bin/sh
# Replays the query/header fuzz corpus (seeds and any crashes saved there) under the sanitizers.
exec "$top_builddir/tests/fuzz/fuzz_query" "$top_srcdir/tests/fuzz/corpus/query"
