package io.c360.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The links between records, built in the driver from one narrow collect of the records
 * (uid, profile, the deterministic rules' fields): star links of every trusted deterministic
 * value, accepted profile pairs carried to their representative records, and records with
 * identical attributes linked to their profile's representative. Rows of
 * {@link IdentityResolver#LINK_SCHEMA}.
 */
final class RecordLinks {

    private final List<String> uids = new ArrayList<>();
    private final List<Long> profileIds = new ArrayList<>();
    private final Map<String, List<String>> columns = new HashMap<>();
    private final Map<Long, String> representative = new HashMap<>();
    private final Map<Long, List<String>> members = new HashMap<>();

    RecordLinks(Dataset<Row> records, IdentityMapping mapping) {
        Set<String> wanted = new LinkedHashSet<>();
        for (IdentityMapping.DeterministicRule rule : mapping.deterministic()) {
            wanted.add(column(rule));
            wanted.addAll(rule.unlessConflict());
        }
        List<String> cols = new ArrayList<>(List.of("uid", "profile_id"));
        cols.addAll(wanted);
        wanted.forEach(c -> columns.put(c, new ArrayList<>()));
        for (Row r : records.selectExpr(cols.stream().map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList()) {
            String uid = r.getString(0);
            Long profile = r.isNullAt(1) ? null : r.getLong(1);
            uids.add(uid);
            profileIds.add(profile);
            int c = 2;
            for (String column : wanted) {
                columns.get(column).add(r.getString(c++));
            }
            if (profile != null) {
                representative.merge(profile, uid, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                members.computeIfAbsent(profile, p -> new ArrayList<>()).add(uid);
            }
        }
    }

    List<String> uids() {
        return uids;
    }

    private static String column(IdentityMapping.DeterministicRule rule) {
        return IdentityMapping.FIELDS.contains(rule.field()) ? rule.field() : "key_" + rule.field();
    }

    /** @param profileLinks rows {@code profile_a, profile_b, match_weight, match_probability, evidence} */
    void addProbabilistic(List<Row> profileLinks, List<Row> out) {
        for (Row l : profileLinks) {
            String a = representative.get(l.getLong(0));
            String b = representative.get(l.getLong(1));
            if (a != null && b != null) {
                out.add(RowFactory.create(a, b, l.getLong(0), l.getLong(1), IdentityResolver.PROBABILISTIC,
                        l.getDouble(2), l.getDouble(3), l.getString(4)));
            }
        }
    }

    /**
     * Records sharing a profile, linked to its representative when a pair of such records would match. The evidence
     * is written once per comparison pattern (formatting it for each of ~100,000 profiles took seconds).
     */
    void addIdentical(ProfileTable table, ComparisonVector vector, MatchModel model, double threshold, List<Row> out) {
        Map<Integer, String> evidenceByPattern = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            List<String> shared = members.get(table.ids[i]);
            if (shared == null || shared.size() < 2) {
                continue;
            }
            int[] levels = vector.levels(table.values[i], table.values[i]);
            double w = model.weight(levels);
            double p = MatchModel.probabilityOf(w);
            if (p < threshold) {
                continue;
            }
            String rep = representative.get(table.ids[i]);
            String evidence = evidenceByPattern.computeIfAbsent(ComparisonVector.encode(levels), code -> model.evidence(vector, levels));
            for (String uid : shared) {
                if (!uid.equals(rep)) {
                    out.add(RowFactory.create(uid, rep, table.ids[i], table.ids[i], IdentityResolver.IDENTICAL, w, p, evidence));
                }
            }
        }
    }

    /** Star links from every record of a shared key value to the smallest record; untrustworthy values are reported. */
    void addDeterministic(List<IdentityMapping.DeterministicRule> rules, List<Row> out, List<String> warnings) {
        for (IdentityMapping.DeterministicRule rule : rules) {
            List<String> values = columns.get(column(rule));
            Map<String, Group> groups = new HashMap<>();
            for (int i = 0; i < uids.size(); i++) {
                String value = values.get(i);
                if (value != null) {
                    groups.computeIfAbsent(value, v -> new Group()).add(i, rule.unlessConflict());
                }
            }
            List<Map.Entry<String, Group>> untrusted = new ArrayList<>();
            for (Map.Entry<String, Group> e : groups.entrySet()) {
                Group g = e.getValue();
                if (g.records.size() < 2 || g.conflicting) {
                    continue;
                }
                if (g.profiles.size() > rule.maxGroup()) {
                    untrusted.add(e);
                    continue;
                }
                String centre = g.centre();
                for (int i : g.records) {
                    if (!uids.get(i).equals(centre)) {
                        out.add(RowFactory.create(uids.get(i), centre, null, null, rule.name(), null, 1.0, rule.field() + " = " + e.getKey()));
                    }
                }
            }
            untrusted.stream().max((x, y) -> Integer.compare(x.getValue().profiles.size(), y.getValue().profiles.size()))
                    .ifPresent(top -> warnings.add(String.format(Locale.ROOT, "deterministic rule %s: %d value(s) shared by more than"
                                    + " %d different records were not trusted, e.g. '%s' (%d records)", rule.name(), untrusted.size(),
                            rule.maxGroup(), top.getKey(), top.getValue().profiles.size())));
        }
    }

    /** The records sharing one value of a deterministic rule. */
    private final class Group {
        final List<Integer> records = new ArrayList<>();
        final Set<String> profiles = new HashSet<>();
        final Map<String, String> conflictValues = new HashMap<>();
        boolean conflicting;

        void add(int i, List<String> unlessConflict) {
            records.add(i);
            Long profile = profileIds.get(i);
            profiles.add(profile == null ? uids.get(i) : profile.toString());
            for (String field : unlessConflict) {
                String v = columns.get(field).get(i);
                if (v != null) {
                    String seen = conflictValues.putIfAbsent(field, v);
                    conflicting |= seen != null && !seen.equals(v);
                }
            }
        }

        String centre() {
            return records.stream().map(uids::get).min(String::compareTo).orElseThrow();
        }
    }
}
