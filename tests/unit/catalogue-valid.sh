#!/bin/sh
# Every process definition in the tree passes the schema and the loader's rules.
exec "$top_builddir/borikan-admin" check-processes "$top_srcdir/processes"
