package io.c360.governance.lineage;

import io.c360.governance.lineage.ColumnInput.Subtype;
import io.c360.governance.lineage.ColumnInput.Type;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Crc32;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.If;
import org.apache.spark.sql.catalyst.expressions.Md5;
import org.apache.spark.sql.catalyst.expressions.Murmur3Hash;
import org.apache.spark.sql.catalyst.expressions.ScalarSubquery;
import org.apache.spark.sql.catalyst.expressions.Sha1;
import org.apache.spark.sql.catalyst.expressions.Sha2;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.expressions.XxHash64;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.Count;
import org.apache.spark.sql.catalyst.expressions.aggregate.CountIf;
import org.apache.spark.sql.catalyst.expressions.aggregate.HyperLogLogPlusPlus;
import org.apache.spark.sql.catalyst.expressions.aggregate.MaxMinBy;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationDef;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.types.DataType;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Column lineage of one analyzed Spark plan: for every output column, the table columns it is
 * computed from (direct) or that decide its rows or branches (indirect), followed through
 * aliases, expressions, aggregates, windows, generators, unions and CTEs by expression id. Filters,
 * joins, groupings and sorts decide every column's rows; they are the plan's dataset-level inputs.
 * <p>
 * {@code datasetOf} names the relations the walk stops at (a lake table, a temp view standing for
 * a raw source); any other leaf yields columns of no dataset.
 */
public final class PlanLineage {

    /** An output column of the plan with its inputs. */
    public record Output(String name, DataType type, List<ColumnInput> inputs) {
    }

    private final Function<LogicalPlan, Optional<String>> datasetOf;
    private final Map<Long, List<ColumnInput>> byId = new HashMap<>();
    private final Map<Long, CTERelationDef> ctes = new HashMap<>();
    private final Map<String, Map<String, DataType>> datasets = new LinkedHashMap<>();
    private final Map<String, ColumnInput> datasetInputs = new LinkedHashMap<>();
    private final List<Output> outputs = new ArrayList<>();

    private PlanLineage(Function<LogicalPlan, Optional<String>> datasetOf) {
        this.datasetOf = datasetOf;
    }

    public static PlanLineage of(LogicalPlan analyzed, Function<LogicalPlan, Optional<String>> datasetOf) {
        PlanLineage lineage = new PlanLineage(datasetOf);
        lineage.visit(analyzed);
        for (Attribute a : PlanLineage.<Attribute>list(analyzed.output())) {
            lineage.outputs.add(new Output(a.name(), a.dataType(), lineage.inputsOf(a)));
        }
        return lineage;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /** Columns that decide the rows of every output column (filters, join conditions, groupings, sorts). */
    public List<ColumnInput> datasetInputs() {
        return List.copyOf(datasetInputs.values());
    }

    /** The datasets the plan reads. */
    public Set<String> datasets() {
        return datasets.keySet();
    }

    /** The fields of each dataset the plan reads (name → type), as the plan sees them. */
    public Map<String, Map<String, DataType>> datasetFields() {
        return datasets;
    }

    private void visit(LogicalPlan plan) {
        Optional<String> dataset = datasetOf.apply(plan);
        if (dataset.isPresent()) {
            Map<String, DataType> fields = datasets.computeIfAbsent(dataset.get(), d -> new LinkedHashMap<>());
            PlanLineage.<Attribute>list(plan.output()).forEach(a -> fields.putIfAbsent(a.name(), a.dataType()));
            markSource(plan, dataset.get());
            return;
        }
        for (LogicalPlan child : PlanLineage.<LogicalPlan>list(plan.children())) {
            visit(child);
        }
        for (LogicalPlan sub : PlanLineage.<LogicalPlan>list(plan.subqueries())) {
            visit(sub);
        }
        if (plan instanceof CTERelationDef def) {
            ctes.put(def.id(), def);
        } else if (plan instanceof CTERelationRef ref) {
            markCteRef(ref);
        } else if (plan.children().isEmpty()) {
            markSource(plan, null);
        }
        for (Expression e : PlanLineage.<Expression>list(plan.expressions())) {
            markAliases(e);
        }
        if (plan instanceof Generate g) {
            List<ColumnInput> in = inputs((Expression) g.generator(), Type.DIRECT, Subtype.TRANSFORMATION, false);
            PlanLineage.<Attribute>list(g.generatorOutput()).forEach(a -> byId.put(id(a), in));
        } else if (plan instanceof Union u) {
            markUnion(u);
        }
        markRowDecisions(plan);
    }

    private void markSource(LogicalPlan plan, String dataset) {
        for (Attribute a : PlanLineage.<Attribute>list(plan.output())) {
            byId.put(id(a), List.of(new ColumnInput(new ColumnRef(dataset, a.name()), Type.DIRECT, Subtype.IDENTITY, false)));
        }
    }

    private void markCteRef(CTERelationRef ref) {
        CTERelationDef def = ctes.get(ref.cteId());
        if (def == null) {
            return;
        }
        List<Attribute> from = list(def.output());
        List<Attribute> to = list(ref.output());
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            if (id(from.get(i)) != id(to.get(i))) {
                byId.put(id(to.get(i)), inputsOf(from.get(i)));
            }
        }
    }

    /** A union's output columns are its first child's attributes; the other children add to them by position. */
    private void markUnion(Union u) {
        List<Attribute> output = list(u.output());
        for (LogicalPlan child : PlanLineage.<LogicalPlan>list(u.children()).subList(1, u.children().size())) {
            List<Attribute> childOut = list(child.output());
            for (int i = 0; i < Math.min(output.size(), childOut.size()); i++) {
                List<ColumnInput> merged = new ArrayList<>(inputsOf(output.get(i)));
                merged.addAll(inputsOf(childOut.get(i)));
                byId.put(id(output.get(i)), distinct(merged));
            }
        }
    }

    private void markRowDecisions(LogicalPlan plan) {
        if (plan instanceof Filter f) {
            addDatasetInputs(f.condition(), Subtype.FILTER);
        } else if (plan instanceof Join j && j.condition().isDefined()) {
            addDatasetInputs(j.condition().get(), Subtype.JOIN);
        } else if (plan instanceof Aggregate a) {
            PlanLineage.<Expression>list(a.groupingExpressions()).forEach(e -> addDatasetInputs(e, Subtype.GROUP_BY));
        } else if (plan instanceof Sort s) {
            PlanLineage.<Expression>list(s.order()).forEach(e -> addDatasetInputs(e, Subtype.SORT));
        }
    }

    private void addDatasetInputs(Expression e, Subtype subtype) {
        for (ColumnInput in : inputs(e, Type.INDIRECT, subtype, false)) {
            if (in.from().dataset() != null) {
                datasetInputs.putIfAbsent(in.from() + "/" + in.subtype(), in);
            }
        }
    }

    private void markAliases(Expression e) {
        for (Expression child : PlanLineage.<Expression>list(e.children())) {
            markAliases(child);
        }
        if (e instanceof Alias a) {
            byId.put(a.exprId().id(), inputs(a.child(), Type.DIRECT, Subtype.IDENTITY, false));
        }
    }

    /** The table columns an expression reads, each with how it reaches the value. */
    private List<ColumnInput> inputs(Expression e, Type type, Subtype subtype, boolean masking) {
        List<ColumnInput> out = new ArrayList<>();
        collect(e, new ColumnInput(null, type, subtype, masking), out);
        return distinct(out);
    }

    private void collect(Expression e, ColumnInput how, List<ColumnInput> out) {
        if (e instanceof Attribute a) {
            inputsOf(a).forEach(in -> out.add(in.through(how)));
        } else if (e instanceof Alias a) {
            collect(a.child(), how, out);
        } else if (e instanceof AggregateExpression agg) {
            boolean counts = agg.aggregateFunction() instanceof Count || agg.aggregateFunction() instanceof CountIf
                    || agg.aggregateFunction() instanceof HyperLogLogPlusPlus;
            ColumnInput aggregated = step(how, Type.DIRECT, Subtype.AGGREGATION, counts);
            if (agg.aggregateFunction() instanceof MaxMinBy by) {
                // max_by(value, ordering): the ordering only picks the row the value comes from
                collect(by.valueExpr(), aggregated, out);
                collect(by.orderingExpr(), step(how, Type.INDIRECT, Subtype.SORT, false), out);
            } else {
                PlanLineage.<Expression>list(agg.aggregateFunction().children()).forEach(c -> collect(c, aggregated, out));
            }
            if (agg.filter().isDefined()) {
                collect(agg.filter().get(), step(how, Type.INDIRECT, Subtype.FILTER, false), out);
            }
        } else if (e instanceof WindowExpression w) {
            collect(w.windowFunction(), how, out);
            ColumnInput window = step(how, Type.INDIRECT, Subtype.WINDOW, false);
            PlanLineage.<Expression>list(w.windowSpec().children()).forEach(c -> collect(c, window, out));
        } else if (e instanceof CaseWhen cw) {
            ColumnInput value = step(how, Type.DIRECT, Subtype.TRANSFORMATION, false);
            ColumnInput condition = step(how, Type.INDIRECT, Subtype.CONDITIONAL, false);
            for (Tuple2<Expression, Expression> branch : PlanLineage.<Tuple2<Expression, Expression>>list(cw.branches())) {
                collect(branch._1(), condition, out);
                collect(branch._2(), value, out);
            }
            if (cw.elseValue().isDefined()) {
                collect(cw.elseValue().get(), value, out);
            }
        } else if (e instanceof If i) {
            collect(i.predicate(), step(how, Type.INDIRECT, Subtype.CONDITIONAL, false), out);
            ColumnInput value = step(how, Type.DIRECT, Subtype.TRANSFORMATION, false);
            collect(i.trueValue(), value, out);
            collect(i.falseValue(), value, out);
        } else if (e instanceof SubqueryExpression s) {
            ColumnInput sub = e instanceof ScalarSubquery ? step(how, Type.DIRECT, Subtype.TRANSFORMATION, false)
                    : step(how, Type.INDIRECT, Subtype.CONDITIONAL, false);
            PlanLineage.<Attribute>list(s.plan().output()).forEach(a -> inputsOf(a).forEach(in -> out.add(in.through(sub))));
            PlanLineage.<Expression>list(s.children()).forEach(c -> collect(c, step(how, Type.INDIRECT, Subtype.CONDITIONAL, false), out));
        } else {
            boolean hashes = e instanceof Md5 || e instanceof Sha1 || e instanceof Sha2 || e instanceof Crc32
                    || e instanceof Murmur3Hash || e instanceof XxHash64;
            ColumnInput transformed = step(how, Type.DIRECT, Subtype.TRANSFORMATION, hashes);
            PlanLineage.<Expression>list(e.children()).forEach(c -> collect(c, transformed, out));
        }
    }

    private static ColumnInput step(ColumnInput how, Type type, Subtype subtype, boolean masking) {
        return new ColumnInput(null, type, subtype, masking).through(how);
    }

    private List<ColumnInput> inputsOf(Attribute a) {
        return byId.getOrDefault(id(a), List.of());
    }

    /** One input per column and type: the strongest direct effect, the first indirect reason. */
    private static List<ColumnInput> distinct(List<ColumnInput> inputs) {
        Map<String, ColumnInput> out = new LinkedHashMap<>();
        for (ColumnInput in : inputs) {
            out.merge(in.from() + "/" + in.type(), in, (a, b) -> a.direct() && b.subtype().compareTo(a.subtype()) > 0
                    ? new ColumnInput(a.from(), a.type(), b.subtype(), a.masking() || b.masking())
                    : new ColumnInput(a.from(), a.type(), a.subtype(), a.masking() || b.masking()));
        }
        return List.copyOf(out.values());
    }

    private static long id(Attribute a) {
        return a.exprId().id();
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object seq) {
        return JavaConverters.seqAsJavaList((Seq<T>) seq);
    }
}
