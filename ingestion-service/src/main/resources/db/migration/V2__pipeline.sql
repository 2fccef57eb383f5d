-- The ingestion pipeline: pages, the canonical chunk store, embedding refs, and a job state machine that the
-- database itself guards and audits.

-- A deleted document frees its bytes: the same file may be registered again later.
ALTER TABLE documents DROP CONSTRAINT documents_file_id_key;
CREATE UNIQUE INDEX documents_live_file_id ON documents (file_id) WHERE status <> 'DELETED';
ALTER TABLE documents ADD COLUMN needs_ocr_pages integer NOT NULL DEFAULT 0 CHECK (needs_ocr_pages >= 0);
ALTER TABLE documents ADD COLUMN failure text;
ALTER TABLE documents ADD COLUMN size_bytes bigint CHECK (size_bytes > 0);

CREATE TABLE document_pages (
    document_id uuid NOT NULL REFERENCES documents (id),
    page        integer NOT NULL CHECK (page >= 1),
    language    text NOT NULL,
    needs_ocr   boolean NOT NULL,
    char_count  integer NOT NULL CHECK (char_count >= 0),
    PRIMARY KEY (document_id, page)
);

-- The canonical chunk store: full text lives only here.
CREATE TABLE chunks (
    id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),  -- sha256(file_id:page:chunk_index)
    document_id uuid NOT NULL REFERENCES documents (id),
    file_id     text NOT NULL,
    page        integer NOT NULL CHECK (page >= 1),
    chunk_index integer NOT NULL CHECK (chunk_index >= 0),
    language    text NOT NULL,
    token_count integer NOT NULL CHECK (token_count > 0),
    char_start  integer NOT NULL CHECK (char_start >= 0),
    char_end    integer NOT NULL,
    text        text NOT NULL,
    text_sha256 text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chunks_offsets CHECK (char_end > char_start),
    CONSTRAINT chunks_position UNIQUE (file_id, page, chunk_index)
);

CREATE INDEX chunks_by_document ON chunks (document_id, page, chunk_index);

-- Every vector published: which chunk, under which model and namespace, when.
CREATE TABLE embedding_refs (
    chunk_id     text NOT NULL,                 -- no FK: the record outlives a deleted chunk
    vector_id    text NOT NULL,
    namespace    text NOT NULL,
    model        text NOT NULL,
    dims         integer NOT NULL CHECK (dims > 0),
    windows      integer NOT NULL CHECK (windows > 0),
    status       text NOT NULL CHECK (status IN ('PUBLISHED', 'DELETED')),
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chunk_id, namespace, model)
);

ALTER TABLE ingestion_jobs ADD COLUMN kind text NOT NULL DEFAULT 'INGEST' CHECK (kind IN ('INGEST', 'REINDEX'));
ALTER TABLE ingestion_jobs ADD COLUMN options jsonb NOT NULL DEFAULT '{}';
ALTER TABLE ingestion_jobs ADD COLUMN max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0);
ALTER TABLE ingestion_jobs ADD COLUMN chunks_total integer;
ALTER TABLE ingestion_jobs ADD COLUMN chunks_done integer NOT NULL DEFAULT 0;
ALTER TABLE ingestion_jobs ALTER COLUMN document_id DROP NOT NULL;
ALTER TABLE ingestion_jobs ADD CONSTRAINT ingestion_jobs_document_for_ingest
    CHECK (kind <> 'INGEST' OR document_id IS NOT NULL);

-- The only transitions a job may make. The trigger refuses any other and writes the audit row, so no code path
-- can skip either.
CREATE TABLE ingestion_transitions (
    from_state text NOT NULL,
    to_state   text NOT NULL,
    PRIMARY KEY (from_state, to_state)
);

INSERT INTO ingestion_transitions (from_state, to_state) VALUES
    ('PENDING', 'EXTRACTING'), ('EXTRACTING', 'CHUNKING'), ('CHUNKING', 'EMBEDDING'),
    ('EMBEDDING', 'PUBLISHING'), ('PUBLISHING', 'COMPLETED'),
    ('EXTRACTING', 'FAILED'), ('CHUNKING', 'FAILED'), ('EMBEDDING', 'FAILED'), ('PUBLISHING', 'FAILED'),
    ('FAILED', 'EXTRACTING'), ('FAILED', 'DEAD'),
    ('PENDING', 'CANCELLED'), ('FAILED', 'CANCELLED'), ('EXTRACTING', 'CANCELLED'), ('CHUNKING', 'CANCELLED'),
    ('EMBEDDING', 'CANCELLED'), ('PUBLISHING', 'CANCELLED'),
    ('DEAD', 'PENDING'), ('CANCELLED', 'PENDING');

CREATE FUNCTION ingestion_jobs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.state <> 'PENDING' THEN
        RAISE EXCEPTION 'a job starts PENDING, not %', NEW.state USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.state IS DISTINCT FROM OLD.state THEN
        IF NOT EXISTS (SELECT 1 FROM ingestion_transitions WHERE from_state = OLD.state AND to_state = NEW.state) THEN
            RAISE EXCEPTION 'illegal job transition % -> %', OLD.state, NEW.state USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION ingestion_jobs_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        INSERT INTO ingestion_audit (job_id, from_state, to_state, attempt, error, worker)
        VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state, NEW.attempt,
                CASE WHEN NEW.state IN ('FAILED', 'DEAD', 'CANCELLED') THEN NEW.last_error END, NEW.lease_owner);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ingestion_jobs_state_guard
    BEFORE INSERT OR UPDATE ON ingestion_jobs
    FOR EACH ROW EXECUTE FUNCTION ingestion_jobs_guard();

CREATE TRIGGER ingestion_jobs_state_audit
    AFTER INSERT OR UPDATE ON ingestion_jobs
    FOR EACH ROW EXECUTE FUNCTION ingestion_jobs_audit();

CREATE INDEX ingestion_jobs_leased ON ingestion_jobs (lease_until)
    WHERE state IN ('EXTRACTING', 'CHUNKING', 'EMBEDDING', 'PUBLISHING');
CREATE INDEX ingestion_audit_by_job ON ingestion_audit (job_id, id);
