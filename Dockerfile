# The API image for docker-compose.yml on a machine with Docker Hub (`docker compose up`
# builds it; Neo4j, Redis and nginx are the official images). Where no registry is
# reachable, `make images` builds the same service from containers/api/Containerfile.
# The explorer page's libraries come from the npm registry, in a build stage.
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# the locked runtime requirements first, each checked against its hash (a layer that
# changes only when the lock does)
COPY requirements/runtime.lock ./requirements/
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY api ./api
COPY graph ./graph
COPY present ./present
COPY seed ./seed
COPY neo4j_local ./neo4j_local
COPY bench ./bench
COPY cypher ./cypher
COPY web/static ./web/static
COPY --from=web /web/node_modules ./web/node_modules
RUN pip install --no-cache-dir --no-deps -e . && useradd --system kg
USER kg
EXPOSE 8000
# seed the article graph (idempotent), then serve
CMD ["sh", "-c", "kg-seed --if-empty && uvicorn --factory api.main:create_app --host 0.0.0.0 --port 8000 --no-proxy-headers"]
