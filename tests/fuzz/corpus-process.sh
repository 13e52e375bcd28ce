#!/bin/sh
# Replays the process-definition fuzz corpus under the sanitizers.
exec "$top_builddir/tests/fuzz/fuzz_process" "$top_srcdir/tests/fuzz/corpus/process"
