package mr.bacmr.billing.store;

/**
 * How writers read the rows they change. Production always locks ({@link #FOR_UPDATE}); only tests in this package
 * build stores with {@link #NONE}, to prove that the concurrency test catches the lost updates that follow.
 */
enum RowLocking {
    FOR_UPDATE,
    NONE;

    /** The wallet row lock clause of a query whose wallet alias is {@code wallet} and other locked aliases follow. */
    String forUpdateOf(String wallet, String... others) {
        StringBuilder aliases = new StringBuilder();
        for (String other : others) {
            aliases.append(aliases.isEmpty() ? "" : ", ").append(other);
        }
        if (this == FOR_UPDATE) {
            aliases.append(aliases.isEmpty() ? "" : ", ").append(wallet);
        }
        return aliases.isEmpty() ? "" : " FOR UPDATE OF " + aliases;
    }
}
