"""The graph model (read from schema/graph.yaml) and the sourced-report format."""
