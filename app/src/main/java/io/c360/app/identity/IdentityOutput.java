package io.c360.app.identity;

import io.c360.identity.IdentityResolver;
import io.c360.runtime.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the identity commands print a run's figures. */
final class IdentityOutput {

    private IdentityOutput() {
    }

    static List<String> summary(IdentityResolver.Stats s) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "records            %,d (%,d distinct attribute profiles)", s.records(), s.profiles()));
        lines.add(String.format(Locale.ROOT, "candidate pairs    %,d (blocked, scored in %s, %,d pairs/s)", s.candidatePairs(),
                Progress.duration(s.scoringNanos()), s.pairsPerSecond()));
        lines.add(String.format(Locale.ROOT, "links              %,d deterministic, %,d probabilistic", s.deterministicLinks(), s.probabilisticLinks()));
        lines.add(String.format(Locale.ROOT, "customers          %,d (largest %,d records)", s.clusters(), s.largestCluster()));
        s.warnings().forEach(w -> lines.add("warning: " + w));
        return lines;
    }
}
