"""Everything that talks to Neo4j: connection, schema, the write layer, reads."""
