#!/bin/sh
# Replays the multipart/form-data fuzz corpus (seeds and any crashes saved there) under the sanitizers.
exec "$top_builddir/tests/fuzz/fuzz_multipart" "$top_srcdir/tests/fuzz/corpus/multipart"
