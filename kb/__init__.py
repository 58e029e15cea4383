"""kb: a graph-backed allegation knowledge base.

Who alleged what against whom, who denied it, who reported it, and exactly
where each of those facts comes from.
"""

__version__ = "0.1.0"
