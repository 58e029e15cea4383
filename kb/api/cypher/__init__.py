"""Cypher built from what a GraphQL request selects: one statement per root field."""
