package mr.bacmr.scraper.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A crawl source: where to start, where the crawler may go, and how hard it may push each host. */
public record Source(UUID id, String name, List<String> seedUrls, List<String> allowedHosts, int maxDepth,
                     int pageBudget, int ratePerHostPerMinute, String languageHint, boolean enabled, Instant createdAt) {
}
