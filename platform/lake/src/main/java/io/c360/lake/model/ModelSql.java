package io.c360.lake.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL half of a model, a Spark SQL SELECT with dbt-like placeholders:
 * {@code {{ source('crm','customers') }}} (the raw batches not yet processed by this model),
 * {@code {{ ref('stg_x') }}} (another model's table) and {@code {{ new_source_fields() }}}
 * (a comma-led list of source fields the model does not know yet, for schema evolution) and
 * {@code {{ var('as_of') }}} (a value given to the run, inserted as written).
 * Plain names like {@code stage.stg_x} count as references too.
 *
 * <p>A model rebuilt by key ({@code incremental_by}) also has {@code {{ in_scope('t.key') }}} (true for
 * the keys this build rebuilds) and its affected-keys query {@code {{ this }}} (the model's own table),
 * {@code {{ changed('stage.x') }}} (rows of x new since the model's last build; {@code changed('x', 'a, b')}:
 * only those columns of them, and of a table without batches the rows that differ in them) and
 * {@code {{ previous('x') }}} (table x as it was at that build).
 */
public record ModelSql(String text) {

    private static final Pattern SOURCE = Pattern.compile("\\{\\{\\s*source\\(\\s*'([^']+)'\\s*,\\s*'([^']+)'\\s*\\)\\s*}}");
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\(\\s*'([^']+)'\\s*\\)\\s*}}");
    private static final Pattern NEW_FIELDS = Pattern.compile("\\{\\{\\s*new_source_fields\\(\\s*\\)\\s*}}");
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*var\\(\\s*'([^']+)'\\s*\\)\\s*}}");
    private static final Pattern IN_SCOPE = Pattern.compile("\\{\\{\\s*in_scope\\(\\s*'([^']+)'\\s*\\)\\s*}}");
    private static final Pattern THIS = Pattern.compile("\\{\\{\\s*this\\s*}}");
    private static final Pattern CHANGED = Pattern.compile("\\{\\{\\s*changed\\(\\s*'([^']+)'\\s*(?:,\\s*'([^']+)'\\s*)?\\)\\s*}}");
    private static final Pattern PREVIOUS = Pattern.compile("\\{\\{\\s*previous\\(\\s*'([^']+)'\\s*\\)\\s*}}");
    private static final Pattern PLAIN_TABLE = Pattern.compile("\\b(?:stage|analytics)\\.(\\w+)\\b");

    public List<SourceRef> sources() {
        Set<SourceRef> out = new LinkedHashSet<>();
        Matcher m = SOURCE.matcher(text);
        while (m.find()) {
            out.add(new SourceRef(m.group(1), m.group(2)));
        }
        return List.copyOf(out);
    }

    /** Names of the models this one reads (without their zone), by ref(), changed(), previous() or plain qualified name. */
    public Set<String> references() {
        return tables(name -> name.substring(name.indexOf('.') + 1));
    }

    /** Every table the SQL reads, named by {@code qualify} of the name as written ({@code x}, {@code stage.x}). */
    public Set<String> tables(Function<String, String> qualify) {
        Set<String> out = new LinkedHashSet<>();
        for (Pattern p : List.of(REF, CHANGED, PREVIOUS)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(qualify.apply(m.group(1)));
            }
        }
        Matcher m = PLAIN_TABLE.matcher(text);
        while (m.find()) {
            out.add(qualify.apply(m.group(0)));
        }
        return out;
    }

    /** The SQL with {@code in_scope(expr)} replaced by {@code scope} of the expression. */
    public ModelSql scopedBy(Function<String, String> scope) {
        return new ModelSql(replace(IN_SCOPE, text, m -> scope.apply(m.group(1))));
    }

    /** The SQL of a build of the whole table: every {@code in_scope()} true. */
    public ModelSql whole() {
        return scopedBy(expression -> "true");
    }

    /** An affected-keys query with {@code this}, {@code changed(x[, columns])} and {@code previous(x)} replaced. */
    public ModelSql comparing(String self, BiFunction<String, String, String> changed, Function<String, String> previous) {
        String out = replace(THIS, text, m -> self);
        out = replace(CHANGED, out, m -> changed.apply(m.group(1), m.group(2) == null ? "*" : m.group(2)));
        return new ModelSql(replace(PREVIOUS, out, m -> previous.apply(m.group(1))));
    }

    /** The SQL with every {@code var()} replaced; a variable without a value is an error naming the model. */
    public ModelSql withVars(Map<String, String> vars, String model) {
        return new ModelSql(replace(VAR, text, m -> {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("model " + model + " uses {{ var('" + m.group(1) + "') }} but the run gives no value for it");
            }
            return v;
        }));
    }

    /**
     * The SQL with every table it reads — {@code {{ ref('x') }}} and plain {@code stage.x} /
     * {@code analytics.x} — replaced by {@code table} of the name as written ({@code x}, {@code stage.x}).
     */
    public ModelSql replacingTables(Function<String, String> table) {
        String out = replace(REF, text, m -> table.apply(m.group(1)));
        return new ModelSql(replace(PLAIN_TABLE, out, m -> table.apply(m.group(0))));
    }

    public String render(Function<SourceRef, String> sourceView, Function<String, String> refTable, String newFields) {
        String out = replace(SOURCE, text, m -> sourceView.apply(new SourceRef(m.group(1), m.group(2))));
        out = replace(REF, out, m -> refTable.apply(m.group(1)));
        return replace(NEW_FIELDS, out, m -> newFields);
    }

    private static String replace(Pattern p, String in, Function<Matcher, String> value) {
        Matcher m = p.matcher(in);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
