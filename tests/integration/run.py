#!/usr/bin/python3
"""Runs Borikan's integration tests against a running stack.

    BORIKAN_URL=http://127.0.0.1:18200 BORIKAN_ROOT=... BORIKAN_VAR=... /usr/bin/python3 run.py [filter...]

Discovers tests/integration/test_*.py (one file per scenario) and runs every function whose
name starts with test_, in the order the module defines them. Files run by their ORDER
attribute (default 50; the tests that disturb the stack set a higher one), then by name.
A filter argument keeps the tests whose "file::test" contains it.

Prints one line per test, "ok  <file>::<test>" or "FAIL <file>::<test>: <reason>", then, as
the last line, "N passed, N failed"; exits 1 if any failed. Full tracebacks go to
$BORIKAN_OUT/integration-failures.txt.
"""
import importlib.util
import os
import signal
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

TEST_LIMIT = int(os.environ.get("BORIKAN_TEST_TIMEOUT", "180"))   # seconds per test


class TestTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise TestTimeout("the test did not finish within %d s" % TEST_LIMIT)


def one_line(s):
    return " | ".join(part.strip() for part in str(s).splitlines() if part.strip())


def load(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    filters = sys.argv[1:]
    out = os.environ.get("BORIKAN_OUT", "/tmp/borikan-itest-out")
    os.makedirs(out, exist_ok=True)
    faillog = open(os.path.join(out, "integration-failures.txt"), "w", encoding="utf-8")
    passed = failed = 0

    def report(label, err=None, tb=None):
        nonlocal passed, failed
        if err is None:
            passed += 1
            print("ok  %s" % label, flush=True)
        else:
            failed += 1
            print("FAIL %s: %s" % (label, one_line(err) or "failed"), flush=True)
            faillog.write("== %s\n%s\n" % (label, tb or err))
            faillog.flush()

    modules = []
    for fn in sorted(os.listdir(HERE)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        try:
            mod = load(os.path.join(HERE, fn))
        except Exception as e:
            label = "%s::<import>" % fn
            if not filters or any(f in label for f in filters):
                report(label, "%s: %s" % (type(e).__name__, e), traceback.format_exc())
            continue
        modules.append((getattr(mod, "ORDER", 50), fn, mod))
    modules.sort(key=lambda m: (m[0], m[1]))

    signal.signal(signal.SIGALRM, on_alarm)
    for _, fn, mod in modules:
        tests = [(n, f) for n, f in vars(mod).items()
                 if n.startswith("test_") and callable(f)]
        # setup_module() prepares what every test of the file needs (accounts, data);
        # if it fails, each of the file's tests fails with its reason.
        setup = getattr(mod, "setup_module", None)
        if setup is not None and tests and (not filters or any(
                f in "%s::%s" % (fn, n) for n, _ in tests for f in filters)):
            try:
                setup()
            except Exception as e:
                reason = "setup_module: %s: %s" % (type(e).__name__, e)
                for name, _ in tests:
                    report("%s::%s" % (fn, name), reason, traceback.format_exc())
                continue
        for name, func in tests:
            label = "%s::%s" % (fn, name)
            if filters and not any(f in label for f in filters):
                continue
            t0 = time.monotonic()
            err = tb = None
            signal.alarm(TEST_LIMIT)
            try:
                func()
            except AssertionError as e:
                err, tb = (str(e) or "assertion failed"), traceback.format_exc()
            except Exception as e:
                err, tb = "%s: %s" % (type(e).__name__, e), traceback.format_exc()
            finally:
                signal.alarm(0)
            dt = time.monotonic() - t0
            if dt > 5:
                sys.stderr.write("   note: %s took %.1f s\n" % (label, dt))
            report(label, err, tb)
        # teardown_module() stops what setup_module() started (a stub server).
        teardown = getattr(mod, "teardown_module", None)
        if teardown is not None:
            try:
                teardown()
            except Exception as e:
                report("%s::<teardown>" % fn, "%s: %s" % (type(e).__name__, e), traceback.format_exc())
    faillog.close()
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
