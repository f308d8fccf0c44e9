# The grader's image: Node 20 on Debian 12 plus Debian's bubblewrap, the outer wall of the
# grading sandbox (libs/grader/README.md, "Outer wall"). util-linux (setpriv, unshare) and ldd
# are already in the base image. The code and node_modules come from the compose volumes.
FROM node:20-bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap \
 && rm -rf /var/lib/apt/lists/*
