-- Asks per user and UTC day, counted against the tier's daily allowance (S12). The search index itself is
-- local to each replica (Lucene), rebuilt from Kafka; only what must survive a replica lives here.

CREATE TABLE ask_quota (
    user_id text NOT NULL,
    day     date NOT NULL,
    asks    integer NOT NULL DEFAULT 0 CHECK (asks >= 0),
    PRIMARY KEY (user_id, day)
);
