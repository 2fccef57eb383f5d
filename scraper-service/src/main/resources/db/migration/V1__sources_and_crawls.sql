-- Crawl sources configured by admins and the runs made from them.

CREATE TABLE sources (
    id            uuid PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    seed_urls     text[] NOT NULL CHECK (cardinality(seed_urls) > 0),
    allowed_hosts text[] NOT NULL CHECK (cardinality(allowed_hosts) > 0),
    max_depth     integer NOT NULL DEFAULT 2 CHECK (max_depth BETWEEN 0 AND 10),
    page_budget   integer NOT NULL DEFAULT 500 CHECK (page_budget > 0),
    rate_per_host_per_minute integer NOT NULL DEFAULT 30 CHECK (rate_per_host_per_minute > 0),
    language_hint text,
    enabled       boolean NOT NULL DEFAULT true,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crawl_runs (
    id          uuid PRIMARY KEY,
    source_id   uuid NOT NULL REFERENCES sources (id),
    status      text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    pages_fetched  integer NOT NULL DEFAULT 0,
    pages_accepted integer NOT NULL DEFAULT 0,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
