package mr.bacmr.billing.domain;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

import mr.bacmr.billing.config.BillingConfig;
import mr.bacmr.billing.store.BillingTransactions;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.billing.store.WalletStore;
import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;

/** Reads of a wallet and its ledger, run as the caller so that row-level security decides what is visible. */
@ApplicationScoped
public class WalletQueries {

    /** A wallet with its latest ledger entries. */
    public record Statement(Wallet wallet, List<LedgerEntry> recentEntries) {
    }

    private final BillingTransactions transactions;
    private final WalletStore wallets;
    private final int recentEntries;

    public WalletQueries(BillingTransactions transactions, WalletStore wallets, BillingConfig config) {
        this.transactions = transactions;
        this.wallets = wallets;
        this.recentEntries = config.recentEntries();
    }

    public Uni<Statement> statement(String userId, Caller caller) {
        return transactions.run(DbCaller.of(caller), tx -> wallets.find(tx, userId)
                .chain(wallet -> wallets.recentEntries(tx, userId, recentEntries)
                        .map(entries -> new Statement(wallet, entries))));
    }

    public Uni<Page<LedgerEntry>> ledger(String userId, Caller caller, PageRequest page) {
        return transactions.run(DbCaller.of(caller), tx -> wallets.ledger(tx, userId, page));
    }
}
