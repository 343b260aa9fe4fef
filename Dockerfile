# QuotaBot: one image for `serve`, `scheduler`, `tick`, `db upgrade` and `doctor`.
# Build: docker build -t quotabot .   Run: docker run -p 3000:3000 --env-file .env quotabot
# The Python the test suite runs on (constraints.txt is pinned for it).
ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Only what the package needs: the sources, its metadata and the pins (.dockerignore
# keeps tests, virtualenvs and local databases out of the build context).
COPY pyproject.toml constraints.txt README.md ./
COPY core ./core
COPY nlp ./nlp
COPY storage ./storage
COPY handlers ./handlers
COPY scheduler ./scheduler
COPY bot ./bot
COPY deploy/install.sh ./deploy/install.sh
RUN sh deploy/install.sh /opt/quotabot

FROM python:${PYTHON_VERSION}-slim-bookworm
# A fixed, unprivileged uid: volume permissions and Kubernetes' runAsNonRoot can rely on it.
RUN groupadd --system --gid 10001 quotabot \
    && useradd --system --uid 10001 --gid quotabot --home-dir /var/lib/quotabot \
       --create-home --shell /usr/sbin/nologin quotabot
COPY --from=build /opt/quotabot /opt/quotabot
ENV PATH=/opt/quotabot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    QUOTABOT_DATABASE_URL=sqlite:////var/lib/quotabot/quotabot.db \
    QUOTABOT_LOG_FORMAT=json
USER quotabot
WORKDIR /var/lib/quotabot
# The default SQLite database lives here; with PostgreSQL nothing is written locally.
VOLUME ["/var/lib/quotabot"]
EXPOSE 3000
# /healthz answers while the process serves HTTP (serve, or scheduler --metrics-port 3000,
# whose metrics server answers on every path); the database is /readyz's business.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"]
ENTRYPOINT ["quotabot"]
CMD ["serve", "--host", "0.0.0.0", "--port", "3000"]
