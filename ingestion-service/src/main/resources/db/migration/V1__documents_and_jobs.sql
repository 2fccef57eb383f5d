-- Documents registered from the object store, and the ingestion jobs that turn them into chunks.

CREATE TABLE documents (
    id          uuid PRIMARY KEY,
    file_id     text NOT NULL UNIQUE CHECK (file_id ~ '^[0-9a-f]{64}$'),  -- sha256 of the bytes
    object_key  text NOT NULL,
    title       text NOT NULL,
    subject     text,
    level       text,
    language    text,
    source      text,
    status      text NOT NULL DEFAULT 'ACCEPTED'
                CHECK (status IN ('ACCEPTED', 'PROCESSING', 'COMPLETED', 'FAILED', 'DELETED')),
    page_count  integer CHECK (page_count >= 0),
    chunk_count integer CHECK (chunk_count >= 0),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX documents_listing ON documents (created_at DESC, id);

CREATE TABLE ingestion_jobs (
    id            uuid PRIMARY KEY,
    document_id   uuid NOT NULL REFERENCES documents (id),
    state         text NOT NULL DEFAULT 'PENDING'
                  CHECK (state IN ('PENDING', 'EXTRACTING', 'CHUNKING', 'EMBEDDING', 'PUBLISHING',
                                   'COMPLETED', 'FAILED', 'DEAD', 'CANCELLED')),
    attempt       integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    pages_done    integer NOT NULL DEFAULT 0,
    pages_total   integer,
    lease_owner   text,
    lease_until   timestamptz,
    next_run_at   timestamptz NOT NULL DEFAULT now(),
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ingestion_jobs_runnable ON ingestion_jobs (next_run_at) WHERE state IN ('PENDING', 'FAILED');

CREATE TABLE ingestion_audit (
    id         bigserial PRIMARY KEY,
    job_id     uuid NOT NULL REFERENCES ingestion_jobs (id),
    from_state text,
    to_state   text NOT NULL,
    attempt    integer NOT NULL,
    error      text,
    worker     text,
    at         timestamptz NOT NULL DEFAULT now()
);
