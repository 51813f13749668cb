# One image for every service of the hub; docker-compose.yml picks the entry point per service.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.base.json ./
COPY kernel/package.json kernel/
COPY gateway/package.json gateway/
COPY cli/package.json cli/
COPY demo/package.json demo/
COPY testing/package.json testing/
COPY subgraphs/partners/package.json subgraphs/partners/
COPY subgraphs/resources/package.json subgraphs/resources/
COPY subgraphs/referrals/package.json subgraphs/referrals/
COPY subgraphs/events/package.json subgraphs/events/
COPY subgraphs/students/package.json subgraphs/students/
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY . .
RUN npx tsc -b && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["node", "gateway/dist/main.js"]
