package mr.bacmr.billing.api;

import java.util.List;

import mr.bacmr.billing.domain.LedgerEntry;
import mr.bacmr.billing.domain.Wallet;
import mr.bacmr.billing.domain.WalletQueries;

/** {@code GET /v1/wallet}: balance, held and available credits with the latest ledger entries. */
public record WalletView(String userId, long balance, long held, long available, List<LedgerEntry> recentEntries) {

    public static WalletView of(WalletQueries.Statement statement) {
        Wallet wallet = statement.wallet();
        return new WalletView(wallet.userId(), wallet.balance(), wallet.held(), wallet.available(),
                statement.recentEntries());
    }
}
