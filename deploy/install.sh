#!/bin/sh
# The image's install step, shared by the Dockerfile and deploy/verify_install.py (which runs
# it offline against a local wheelhouse): a venv at $1 with QuotaBot and exactly the pinned
# dependency versions of constraints.txt. Run from the source tree's root.
set -eu
target="$1"
python -m venv "$target"
# --constraint: every package, direct or transitive, at the version the tests ran with.
"$target/bin/pip" install --no-cache-dir --disable-pip-version-check \
    --constraint constraints.txt .
# Nothing below is needed at run time; it only makes the layer smaller.
find "$target" -name '__pycache__' -type d -prune -exec rm -rf {} +
