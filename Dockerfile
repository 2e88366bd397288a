# Gatehouse: API + built console in one image. The steps are the README's commands.
FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json tsconfig.json ./
COPY apps/api/package.json apps/api/
COPY apps/console/package.json apps/console/
COPY packages/shared/package.json packages/shared/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build

FROM node:20-bookworm-slim
RUN npm install -g pnpm@10 && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
ENV GATEHOUSE_HOST=0.0.0.0 \
    GATEHOUSE_PORT=7861 \
    GATEHOUSE_DATA_DIR=/data \
    NODE_ENV=production
EXPOSE 7861
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:7861/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["pnpm", "gatehouse", "run"]
