-- Quizzes generated for a student, their questions (each citing source chunks), and attempts.

CREATE TABLE quizzes (
    id         uuid PRIMARY KEY,
    user_id    text NOT NULL,
    subject    text,
    topic      text,
    language   text NOT NULL CHECK (language IN ('ar', 'fr', 'en', 'other')),
    difficulty text NOT NULL DEFAULT 'medium' CHECK (difficulty IN ('easy', 'medium', 'hard')),
    mode       text NOT NULL CHECK (mode IN ('llm', 'deterministic')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX quizzes_by_user ON quizzes (user_id, created_at DESC);

CREATE TABLE quiz_questions (
    quiz_id    uuid NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    position   integer NOT NULL CHECK (position >= 0),
    kind       text NOT NULL CHECK (kind IN ('multiple_choice', 'true_false', 'short_answer')),
    prompt     text NOT NULL,
    choices    jsonb,
    answer     jsonb NOT NULL,
    explanation text,
    source_chunk_ids text[] NOT NULL CHECK (cardinality(source_chunk_ids) > 0),
    PRIMARY KEY (quiz_id, position)
);

CREATE TABLE attempts (
    id           uuid PRIMARY KEY,
    quiz_id      uuid NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    user_id      text NOT NULL,
    answers      jsonb NOT NULL,
    score        numeric(5, 2) CHECK (score BETWEEN 0 AND 100),
    submitted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX attempts_by_user ON attempts (user_id, submitted_at DESC);
