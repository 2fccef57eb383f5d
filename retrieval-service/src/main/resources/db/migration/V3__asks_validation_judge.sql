-- Which judge produced an ask's validation: 'lexical', 'llm:<model>' or 'quoted' (extractive). An LLM judge may now
-- replace the lexical one (S20) and falls back to it when it fails, so the verdicts are told apart. Null for older asks.

ALTER TABLE asks ADD COLUMN judge text;
