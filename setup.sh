#!/usr/bin/env bash
# Gradescope autograder set-up, run once when the autograder image is built (this file and run_autograder sit at the
# root so that the repository zips as an autograder): Node 24 (the maintained LTS), Docker Engine and Compose, and the
# grader's dependencies. The grader needs a Docker daemon: Gradescope must run the autograder with one available
# (see docs/platforms.md).
set -euo pipefail
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl gnupg docker.io docker-compose-v2 || \
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl gnupg docker.io docker-compose-plugin
curl -fsSL https://deb.nodesource.com/setup_24.x | bash -
DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs
cd /autograder/source
npm ci --no-audit --no-fund
