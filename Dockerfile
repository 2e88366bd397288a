# Gatehouse: the API compiled to JavaScript and the built console, in one image.
# Build stage: the README's install and build, then pack-runtime (the same script the
# pruned-install test runs) packs the compiled code with production dependencies only.
FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json tsconfig.json ./
COPY apps/api/package.json apps/api/
COPY apps/console/package.json apps/console/
COPY packages/shared/package.json packages/shared/
COPY bench/package.json bench/
COPY examples/express/package.json examples/express/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build && node apps/api/scripts/pack-runtime.mjs /out

# Runtime stage: node and tini only (no pnpm, no TypeScript, no dev dependencies). tini is
# PID 1: it forwards `docker stop`'s SIGTERM to node, which drains HTTP and closes the
# database before it exits, and it reaps the processes node leaves behind.
FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data && chown node:node /data
WORKDIR /app
# Owned by root, read-only to the server: only /data is writable.
COPY --from=build /out /app
RUN ln -s /app/apps/api/dist/cli.js /usr/local/bin/gatehouse
USER node
ENV GATEHOUSE_HOST=0.0.0.0 \
    GATEHOUSE_PORT=7861 \
    GATEHOUSE_DATA_DIR=/data \
    NODE_ENV=production
EXPOSE 7861
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7861/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "/app/apps/api/dist/cli.js", "run"]
