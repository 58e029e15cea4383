"""Human-readable renderings (text, HTML) of what the store computes."""
