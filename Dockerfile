# The API image for docker-compose.yml. Neo4j runs in its own official container.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY api ./api
COPY graph ./graph
COPY seed ./seed
COPY kg_client ./kg_client
COPY neo4j_local ./neo4j_local
COPY cypher ./cypher
RUN pip install --no-cache-dir -e . && useradd --system kg
USER kg
EXPOSE 8000
# seed the article graph (idempotent), then serve
CMD ["sh", "-c", "kg-seed && uvicorn --factory api.main:create_app --host 0.0.0.0 --port 8000"]
