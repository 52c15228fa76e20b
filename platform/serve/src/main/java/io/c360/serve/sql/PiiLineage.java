package io.c360.serve.sql;

import io.c360.serve.catalog.TableDocs;
import io.c360.serve.pii.PiiKind;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.types.StringType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which output columns of an analyzed query carry personal data, following the data from
 * the table columns through aliases, expressions, unions and generators. A column is PII when its
 * name says so or the lake's column docs tag it. So {@code SELECT upper(email) AS x} is masked
 * as an email, while {@code count(DISTINCT email)} (a number computed from PII) is not.
 */
final class PiiLineage {

    /** How one output column must be masked; empty when it carries no personal data. */
    record OutputColumn(String name, Optional<PiiKind> pii) {
    }

    private final TableDocs docs;
    private final Map<Long, PiiKind> source = new HashMap<>();
    private final Map<Long, PiiKind> derived = new HashMap<>();

    PiiLineage(TableDocs docs) {
        this.docs = docs;
    }

    List<OutputColumn> outputColumns(LogicalPlan analyzed) {
        visit(analyzed);
        List<OutputColumn> out = new ArrayList<>();
        for (Attribute a : PiiLineage.<Attribute>list(analyzed.output())) {
            long id = a.exprId().id();
            Optional<PiiKind> kind = Optional.ofNullable(source.get(id))
                    .or(() -> Optional.ofNullable(derived.get(id)).filter(k -> a.dataType() instanceof StringType))
                    .or(() -> PiiKind.ofColumn(a.name()));
            out.add(new OutputColumn(a.name(), kind));
        }
        return out;
    }

    private void visit(LogicalPlan plan) {
        for (LogicalPlan child : PiiLineage.<LogicalPlan>list(plan.children())) {
            visit(child);
        }
        for (LogicalPlan sub : PiiLineage.<LogicalPlan>list(plan.subqueries())) {
            visit(sub);
        }
        if (plan.children().isEmpty()) {
            String table = plan instanceof DataSourceV2Relation r ? r.table().name() : null;
            for (Attribute a : PiiLineage.<Attribute>list(plan.output())) {
                docs.piiKind(table, a.name()).or(() -> PiiKind.ofColumn(a.name()))
                        .ifPresent(k -> source.put(a.exprId().id(), k));
            }
        }
        for (Expression e : PiiLineage.<Expression>list(plan.expressions())) {
            markAliases(e);
        }
        if (plan instanceof Generate g) {
            piiOf((Expression) g.generator()).ifPresent(k -> PiiLineage.<Attribute>list(g.generatorOutput())
                    .forEach(a -> derived.put(a.exprId().id(), k)));
        }
        if (plan instanceof Union u) {
            markUnion(u);
        }
    }

    private void markUnion(Union u) {
        List<Attribute> output = list(u.output());
        for (LogicalPlan child : PiiLineage.<LogicalPlan>list(u.children())) {
            List<Attribute> childOut = list(child.output());
            for (int i = 0; i < Math.min(output.size(), childOut.size()); i++) {
                long id = childOut.get(i).exprId().id();
                PiiKind k = source.containsKey(id) ? source.get(id) : derived.get(id);
                if (k != null) {
                    derived.putIfAbsent(output.get(i).exprId().id(), k);
                }
            }
        }
    }

    private void markAliases(Expression e) {
        for (Expression child : PiiLineage.<Expression>list(e.children())) {
            markAliases(child);
        }
        if (e instanceof Alias a) {
            piiOf(a.child()).ifPresent(k -> derived.put(a.exprId().id(), k));
        }
    }

    private Optional<PiiKind> piiOf(Expression e) {
        for (Attribute ref : PiiLineage.<Attribute>list(e.references().toSeq())) {
            long id = ref.exprId().id();
            if (source.containsKey(id)) {
                return Optional.of(source.get(id));
            }
            if (derived.containsKey(id)) {
                return Optional.of(derived.get(id));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object seq) {
        return JavaConverters.seqAsJavaList((Seq<T>) seq);
    }
}
