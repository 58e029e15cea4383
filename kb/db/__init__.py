"""The local Neo4j server kb runs for newcomers, tests and the demo."""
