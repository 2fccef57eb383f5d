package mr.bacmr.billing.domain;

/** Kinds of ledger entries; the database checks their signs (top-ups credit, captures and usage debits debit). */
public enum LedgerKind {
    TOPUP,
    CAPTURE,
    USAGE_DEBIT,
    ADJUSTMENT
}
