// The Neo4j version and edition the service talks to (shown by /readyz).
CALL dbms.components() YIELD name, versions, edition
RETURN versions[0] AS version, edition
