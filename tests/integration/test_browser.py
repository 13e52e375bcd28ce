"""The repair scenario in Debian's chromium, driven by playwright-core: a requester files,
an officer completes, the requester rates. Screenshots land in $BORIKAN_OUT/browser/."""
import os
import subprocess

import harness as h

ORDER = 70
HERE = os.path.join(h.ROOT, "tests", "browser")


def setup_module():
    h.ensure_unit("br-school", "school")
    h.ensure_unit("br-ict", "group")
    h.ensure_person("br.teacher", "br-school", roles=["requester"])
    h.ensure_person("br.officer", "br-ict", roles=["ict-officer"])


def test_requester_files_officer_completes_requester_rates_in_chromium():
    assert os.path.isdir(os.path.join(HERE, "node_modules", "playwright-core")), \
        "playwright-core is not installed (./dev installs it)"
    out = os.path.join(h.OUT, "browser")
    p = subprocess.run(["node", os.path.join(HERE, "repair.mjs"), h.URL, out, "br.teacher",
                        "br.officer", "correct horse battery"], capture_output=True, text=True,
                       timeout=170)
    lines = p.stdout.strip().splitlines()
    h.note("browser: " + "; ".join(lines))
    assert p.returncode == 0, "\n".join(lines + [p.stderr[-500:]])
    assert len([l for l in lines if l.startswith("ok")]) >= 5, lines
    shots = sorted(os.listdir(out))
    assert len([s for s in shots if s.endswith(".png")]) == 6, shots
