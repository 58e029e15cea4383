"""The GraphQL API: strawberry on uvicorn over one async Neo4j driver per process."""
