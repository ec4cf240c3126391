"""Provision and run a pinned Neo4j Community server on loopback, with Java only.

For machines without a Docker engine: the jars come from Maven Central (see
``artifacts.py``), the server runs from a project folder with its own configuration
(see ``server.py``), and ``python -m neo4j_local`` manages it.
"""
