"""The HTTP API: FastAPI routers over the graph layer. No Cypher and no transactions here."""
